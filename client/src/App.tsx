import type { ReactElement } from 'react';
import { CommandApp } from './command/CommandApp';
import { isCommandRoute } from './command/route';
import { WallApp } from './wall/WallApp';
import { RiskApp } from './risk/RiskApp';
import { isRiskRoute } from './risk/route';

/**
 * The page for the address: the commander's tablet under `/command`, supervision staff's
 * hidden-hazard screen under `/risk`, else the video wall.
 */
export function App(): ReactElement {
  const path = window.location.pathname;
  if (isRiskRoute(path)) return <RiskApp />;
  return isCommandRoute(path) ? <CommandApp /> : <WallApp />;
}
