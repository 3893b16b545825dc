import { createContext, useContext, useMemo, useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { loadSession } from '../auth/session';
import { StoreContext, useAppStoreApi } from '../store/use-app-store';
import { createReplay, SPEEDS, type Replay, type ReplayState } from './replay-store';
import './replay.css';

const ReplayContext = createContext<Replay | null>(null);

/** True while the screen shows a replayed picture (commands are off then). */
export function useReplaying(): boolean {
  const replay = useContext(ReplayContext);
  return useStore(replay?.store ?? NO_REPLAY, (s) => s.session !== null);
}
/** Outside a replay scope: never replaying. */
const NO_REPLAY = createStore<ReplayState>()(() => ({ session: null, picking: false }));

/** `HH:MM:SS` in China Standard Time, as the wall's clock. */
const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const dateFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DDTHH:MM:SS` in China Standard Time, for a datetime-local input. */
function localInput(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000);
  return d.toISOString().slice(0, 19);
}
/** Epoch ms of a datetime-local value read as China Standard Time. */
function fromLocalInput(value: string): number {
  return Date.parse(`${value.length === 16 ? `${value}:00` : value}+08:00`);
}

/** An incident's span from its event history: a minute before its first event to after its last. */
async function incidentSpan(id: string): Promise<[number, number]> {
  const token = loadSession(window.localStorage, Date.now())?.token;
  const res = await fetch(`/api/v1/entities/incidents/${encodeURIComponent(id)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json()) as { history: { id: string }[] };
  const times = body.history.map((e) => Number(e.id.split('-')[0]));
  if (times.length === 0) throw new Error('no history');
  return [Math.min(...times) - 60_000, Math.min(Date.now(), Math.max(...times) + 60_000)];
}

/** The large "回放 HH:MM:SS" banner, the frame, the live alarm count and the controls. */
function ReplayOverlay({ replay }: { replay: Replay }): ReactElement {
  const { t } = useTranslation();
  const live = useAppStoreApi();
  const session = useStore(replay.store, (s) => s.session);
  const picking = useStore(replay.store, (s) => s.picking);
  const liveAlarms = useStore(live, (s) => s.alarms.size);
  const incidents = useStore(live, (s) => s.incidents);
  const [moment, setMoment] = useState(() => localInput(Date.now() - 3_600_000));
  const [incident, setIncident] = useState('');
  const [spanError, setSpanError] = useState<string | null>(null);
  const incidentList = useMemo(
    () => [...incidents.values()].sort((a, b) => b.ts - a.ts).slice(0, 50),
    [incidents],
  );

  const pickIncident = async () => {
    if (!incident) return;
    try {
      setSpanError(null);
      const [start, end] = await incidentSpan(incident);
      await replay.enter(start, end);
    } catch (err) {
      setSpanError((err as Error).message);
    }
  };

  const picker = (
    <div className="replay-picker" data-testid="replay-picker">
      <label>
        {t('replay.moment')}
        <input
          type="datetime-local"
          step={1}
          value={moment}
          data-testid="replay-moment"
          onChange={(e) => setMoment(e.target.value)}
        />
      </label>
      <button
        type="button"
        data-testid="replay-go"
        onClick={() => {
          const at = fromLocalInput(moment);
          if (Number.isFinite(at)) void replay.enter(Math.min(at, Date.now()));
        }}
      >
        {t('replay.go')}
      </button>
      <label>
        {t('replay.incident')}
        <select
          value={incident}
          data-testid="replay-incident"
          onChange={(e) => setIncident(e.target.value)}
        >
          <option value="">—</option>
          {incidentList.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        data-testid="replay-incident-go"
        disabled={!incident}
        onClick={() => void pickIncident()}
      >
        {t('replay.incidentGo')}
      </button>
      {spanError && <span className="replay-error">{spanError}</span>}
    </div>
  );

  if (!session) {
    return (
      <div className="replay-live">
        <button
          type="button"
          className="replay-open"
          data-testid="replay-open"
          aria-expanded={picking}
          onClick={() => replay.setPicking(!picking)}
        >
          {t('replay.open')}
        </button>
        {picking && picker}
      </div>
    );
  }

  return (
    <>
      <div className="replay-frame" data-testid="replay-frame" aria-hidden />
      <div
        className="replay-banner"
        data-testid="replay-banner"
        data-clock={session.clock}
        data-status={session.status}
        data-playing={session.playing ? '1' : '0'}
      >
        <span className="replay-banner__title">
          {t('replay.banner')}{' '}
          <span className="replay-banner__time" data-testid="replay-time">
            {timeFormat.format(session.clock)}
          </span>
        </span>
        <span className="replay-banner__date">{dateFormat.format(session.clock)} CST</span>
        <span className="replay-banner__live" data-testid="replay-live-alarms">
          {t('replay.liveAlarms', { count: liveAlarms })}
        </span>
        <button
          type="button"
          className="replay-banner__back"
          data-testid="replay-exit"
          onClick={() => replay.exit()}
        >
          {t('replay.backToLive')}
        </button>
      </div>
      <div className="replay-bar" data-testid="replay-bar">
        {session.playing ? (
          <button type="button" data-testid="replay-pause" onClick={() => replay.pause()}>
            {t('replay.pause')}
          </button>
        ) : (
          <button
            type="button"
            data-testid="replay-play"
            disabled={session.status !== 'ready' || session.clock >= session.end}
            onClick={() => replay.play()}
          >
            {t('replay.play')}
          </button>
        )}
        {SPEEDS.map((speed) => (
          <button
            key={speed}
            type="button"
            data-testid={`replay-speed-${speed}`}
            aria-pressed={session.speed === speed}
            onClick={() => replay.setSpeed(speed)}
          >
            {speed}×
          </button>
        ))}
        <button
          type="button"
          data-testid="replay-step"
          disabled={session.status !== 'ready'}
          onClick={() => void replay.step()}
        >
          {t('replay.step')}
        </button>
        <button type="button" data-testid="replay-pick" onClick={() => replay.setPicking(!picking)}>
          {t('replay.pick')}
        </button>
        {session.status === 'loading' && <span>{t('replay.loading')}</span>}
        {session.error && (
          <span className="replay-error" data-testid="replay-error">
            {t('replay.error', { message: session.error })}
          </span>
        )}
        {picking && picker}
      </div>
    </>
  );
}

/**
 * A screen's replay: while replaying, everything inside reads the replayed picture (the store
 * context is swapped), with the banner, frame and controls on top; live events keep arriving in
 * the live store underneath, and its alarm count stays in view.
 */
export function ReplayScope({ children }: { children: ReactNode }): ReactElement {
  const live = useAppStoreApi();
  const [replay] = useState(() => createReplay(live));
  const picture = useStore(replay.store, (s) => s.session?.picture ?? null);
  return (
    <ReplayContext.Provider value={replay}>
      <StoreContext.Provider value={picture ?? live}>{children}</StoreContext.Provider>
      <ReplayOverlay replay={replay} />
    </ReplayContext.Provider>
  );
}
