import type { ReactElement } from 'react';
import { WallApp } from './wall/WallApp';

/** The page for the address: the video wall. */
export function App(): ReactElement {
  return <WallApp />;
}
