import type { ReactElement } from 'react';
import { SignIn } from './auth/SignIn';
import { MapView } from './map/MapView';
import { AlarmList } from './panels/AlarmList';
import { HazardDetail } from './panels/HazardDetail';
import { Header } from './panels/Header';

/**
 * Video-wall layout: the map fills the screen; header on top, alarms and detail on the right; the
 * sign-in form over everything while the server wants a token the screen does not have.
 */
export function App(): ReactElement {
  return (
    <div className="app">
      <MapView />
      <Header />
      <aside className="side">
        <AlarmList />
        <HazardDetail />
      </aside>
      <SignIn />
    </div>
  );
}
