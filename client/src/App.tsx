import type { ReactElement } from 'react';
import { MapView } from './map/MapView';
import { AlarmList } from './panels/AlarmList';
import { HazardDetail } from './panels/HazardDetail';
import { Header } from './panels/Header';

/** Video-wall layout: the map fills the screen; header on top, alarms and detail on the right. */
export function App(): ReactElement {
  return (
    <div className="app">
      <MapView />
      <Header />
      <aside className="side">
        <AlarmList />
        <HazardDetail />
      </aside>
    </div>
  );
}
