import type { ReactElement } from 'react';
import { CommandApp } from './command/CommandApp';
import { isCommandRoute } from './command/route';
import { DutyApp } from './duty/DutyApp';
import { isDutyRoute } from './duty/route';
import { WallApp } from './wall/WallApp';

/**
 * The page for the address: the commander's tablet under `/command`, the duty officer's log and
 * reports under `/duty`, else the video wall.
 */
export function App(): ReactElement {
  const path = window.location.pathname;
  if (isCommandRoute(path)) return <CommandApp />;
  if (isDutyRoute(path)) return <DutyApp />;
  return <WallApp />;
}
