import { lazy, Suspense } from 'react';
import type { ReactElement } from 'react';
import { CommandApp } from './command/CommandApp';
import { isCommandRoute } from './command/route';
import { DutyApp } from './duty/DutyApp';
import { isDutyRoute } from './duty/route';
import { WallApp } from './wall/WallApp';
import { RiskApp } from './risk/RiskApp';
import { isRiskRoute } from './risk/route';
import { ReportApp } from './report/ReportApp';
import { isIncidentReportRoute } from './report/route';
import { OfficerApp } from './officer/OfficerApp';
import { isOfficerRoute } from './officer/route';
import { isReviewRoute } from './review/route';

/** Loaded only on /review: it brings echarts, which the wall's bundle does without. */
const ReviewApp = lazy(() => import('./review/ReviewApp'));

/**
 * The page for the address: the commander's tablet under `/command`, the duty officer's log and
 * reports under `/duty`, supervision staff's hidden-hazard screen under `/risk`, the period
 * review under `/review`, else the video wall.
 */
export function App(): ReactElement {
  const path = window.location.pathname;
  if (isCommandRoute(path)) return <CommandApp />;
  if (isDutyRoute(path)) return <DutyApp />;
  if (isRiskRoute(path)) return <RiskApp />;
  if (isIncidentReportRoute(path)) return <ReportApp />;
  if (isOfficerRoute(path)) return <OfficerApp />;
  if (isReviewRoute(path)) {
    return (
      <Suspense fallback={null}>
        <ReviewApp />
      </Suspense>
    );
  }
  return <WallApp />;
}
