import type { ReactElement } from 'react';
import { CommandApp } from './command/CommandApp';
import { isCommandRoute } from './command/route';
import { DutyApp } from './duty/DutyApp';
import { isDutyRoute } from './duty/route';
import { WallApp } from './wall/WallApp';
import { RiskApp } from './risk/RiskApp';
import { isRiskRoute } from './risk/route';
import { OfficerApp } from './officer/OfficerApp';
import { isOfficerRoute } from './officer/route';

/**
 * The page for the address: the commander's tablet under `/command`, the duty officer's log and
 * reports under `/duty`, supervision staff's hidden-hazard screen under `/risk`, else the video
 * wall.
 */
export function App(): ReactElement {
  const path = window.location.pathname;
  if (isCommandRoute(path)) return <CommandApp />;
  if (isDutyRoute(path)) return <DutyApp />;
  if (isRiskRoute(path)) return <RiskApp />;
  if (isOfficerRoute(path)) return <OfficerApp />;
  return <WallApp />;
}
