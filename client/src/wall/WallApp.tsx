import { useEffect } from 'react';
import type { CSSProperties, ReactElement } from 'react';
import { SignIn } from '../auth/SignIn';
import { AlarmList } from '../panels/AlarmList';
import { wallStaleness, STALE_AFTER_MS } from '../store/derived';
import { useAppStore } from '../store/use-app-store';
import { useNow } from '../time/use-now';
import { AttentionPanel } from './AttentionPanel';
import { EventFeed } from './EventFeed';
import { IncidentBoard } from './IncidentBoard';
import { FeedStrip } from './FeedStrip';
import { HiddenHazardPanel } from './HiddenHazardPanel';
import { PlanPanel } from './PlanPanel';
import { ReliefPanel } from './ReliefPanel';
import { RiskMapPanel } from './RiskMapPanel';
import { SituationPanel } from './SituationPanel';
import { StaleBanner } from './StaleBanner';
import { WallHeader } from './WallHeader';
import { WallMap } from './WallMap';
import { WatchPanel } from './WatchPanel';
import { useMinTextPx } from './legibility';
import { useScreenScale } from './use-wall-layers';
import { ReplayScope } from '../replay/ReplayScope';
import './wall.css';

/** The smallest font size, CSS px, of the shared components the wall shows zoomed. */
const ZOOMED_SMALLEST_PX = 12;

/**
 * The video wall: header across the top; the situation, the incident ↔ unit board, the sites in
 * warning areas and the four colours on the left; the map in the middle with the live event feed
 * under it; what needs attention now, hidden hazards, plan targets, relief and alarms on the
 * right; feed health along the bottom. The
 * grid follows the configured tiles so no panel straddles a bezel; type scales with screen height.
 */
export function WallApp(): ReactElement {
  // In replay the whole wall reads the replayed picture (client/src/replay).
  return (
    <ReplayScope>
      <WallScreen />
    </ReplayScope>
  );
}

function WallScreen(): ReactElement {
  const connection = useAppStore((s) => s.connection);
  const lastMessageAt = useAppStore((s) => s.lastMessageAt);
  const serverTail = useAppStore((s) => s.serverTail);
  const config = useAppStore((s) => s.wall?.config);
  const now = useNow();
  const staleAfterMs = (config?.staleAfterSeconds ?? STALE_AFTER_MS / 1000) * 1000;
  const staleness = wallStaleness(connection, lastMessageAt, serverTail, now, staleAfterMs);
  const grid = config?.grid ?? { columns: 4, sideColumns: 1 };
  const scale = useScreenScale();
  const minText = useMinTextPx();
  useEffect(() => {
    document.documentElement.classList.add('wall-root');
    return () => document.documentElement.classList.remove('wall-root');
  }, []);
  useEffect(() => {
    // The grid on <html> too: the replay button, drawn outside the wall, sits on the map.
    const root = document.documentElement.style;
    root.setProperty('--wall-columns', String(grid.columns));
    root.setProperty('--wall-side', String(grid.sideColumns));
  }, [grid.columns, grid.sideColumns]);
  const style = {
    '--scale': scale,
    // The smallest font size the hall can read (legibility.ts); --zoomed-scale enlarges the
    // px-sized shared components so their smallest text (ZOOMED_SMALLEST_PX) reaches it.
    '--text-min': `${minText}px`,
    '--zoomed-scale': Math.max(scale, minText / ZOOMED_SMALLEST_PX),
    '--wall-columns': grid.columns,
    '--wall-side': grid.sideColumns,
  } as CSSProperties;
  return (
    <div
      className={`wall${staleness ? ' wall--stale' : ''}`}
      style={style}
      data-testid="wall"
      data-stale={staleness ?? ''}
    >
      <WallHeader />
      <aside className="wall__left">
        <SituationPanel />
        <IncidentBoard />
        <WatchPanel />
        <RiskMapPanel />
      </aside>
      <main className="wall__centre">
        <WallMap />
        <StaleBanner staleness={staleness} />
      </main>
      <EventFeed />
      <aside className="wall__right">
        <AttentionPanel />
        <HiddenHazardPanel />
        <PlanPanel />
        <ReliefPanel />
        <div className="wall__alarms wall__zoomed">
          <AlarmList />
        </div>
      </aside>
      <FeedStrip />
      <SignIn />
    </div>
  );
}
