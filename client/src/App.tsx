import type { ReactElement } from 'react';
import { CommandApp } from './command/CommandApp';
import { isCommandRoute } from './command/route';
import { WallApp } from './wall/WallApp';

/** The page for the address: the commander's tablet under `/command`, else the video wall. */
export function App(): ReactElement {
  return isCommandRoute(window.location.pathname) ? <CommandApp /> : <WallApp />;
}
