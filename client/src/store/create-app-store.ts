import { createStore } from 'zustand/vanilla';
import type {
  EventBatch,
  Heartbeat,
  PipelineStatus,
  Snapshot,
  TelemetryFrame,
  WallResponse,
} from '@cc/shared';
import type { SessionKind } from '../auth/session';
import { applyEvents, applySnapshot, applyTelemetry, initialLiveData } from './live-reducers';
import type { LiveData } from './live-reducers';
import { focusRulesOf, happenings, linesFromPicture, queueFocus } from './happenings';
import { HazardStateTracker, type HazardStatesSlice } from './hazard-states';
import { LayeredMap } from './layered-map';
import type { FeedLine, FocusItem } from './happenings';

/** Lines the live event feed keeps. */
export const FEED_LINES = 60;
/** Serious events waiting for the wall's focus, at most (older ones are dropped first). */
export const FOCUS_QUEUE_MAX = 20;

export type ConnectionState = 'connecting' | 'live' | 'offline';

export interface ConnectionSlice {
  connection: { state: ConnectionState; /** epoch ms */ since: number };
}

/** Why the sign-in form is shown: no valid token, or the token's role may not see the picture. */
/** Why the sign-in form shows: no valid token, a role that may not see the map, or an account changed. */
export type SignInReason = 'required' | 'forbidden' | 'revoked';

export interface AuthSlice {
  auth: {
    session: SessionKind;
    /** Non-null while the sign-in form is shown. */ signIn: SignInReason | null;
  };
}

export interface ViewSlice {
  selectedHazardId: string | null;
  /** A request to bring a hazard into view; `seq` makes a repeated request for the same one new. */
  focus: { hazardId: string; seq: number } | null;
}

export interface WallSlice {
  /** The wall's configuration and the feeds' health (`GET /api/v1/wall`), once fetched. */
  wall: WallResponse | null;
  /** The live event feed, newest first. */
  feedLines: readonly FeedLine[];
  /** Serious events the wall has yet to fly to, oldest first. */
  focusQueue: readonly FocusItem[];
  /** When each incident first arrived as an event (not from a snapshot), client clock. */
  firstSeen: ReadonlyMap<string, number>;
  /** The server's last heartbeat said it follows the event stream. */
  serverTail: boolean;
  /**
   * What the server's last heartbeat said about the pipeline (ingest workers, broker); null
   * before the first or while the server cannot tell.
   */
  pipeline: PipelineStatus | null;
}

export interface ClockSlice {
  /**
   * The server's clock minus this machine's (ms), from the snapshot's and heartbeats' times:
   * readings are judged against the server's time (`serverNow`), so a screen whose clock drifts
   * sees the sensors online or offline as ingest does.
   */
  clockOffset: number;
}

export interface AppActions {
  applySnapshot(snapshot: Snapshot): void;
  applyEvents(batch: EventBatch): void;
  applyTelemetry(frame: TelemetryFrame): void;
  setConnection(state: ConnectionState): void;
  /** Signed in (or sign-in is off): hides the sign-in form; the socket then connects. */
  setSession(session: SessionKind): void;
  /** Shows the sign-in form; the socket stays disconnected until someone signs in. */
  requireSignIn(reason: SignInReason): void;
  selectHazard(hazardId: string | null): void;
  /** Selects a hazard and asks the map to fly to it. */
  focusHazard(hazardId: string): void;
  setWall(wall: WallResponse): void;
  heartbeat(beat: Heartbeat): void;
  /** The wall has shown the head of the focus queue. */
  dequeueFocus(): void;
  /** Adds items to the focus queue (an alarm left unacknowledged too long, say). */
  enqueueFocus(items: readonly FocusItem[]): void;
  /** Takes items out of the focus queue (no longer needing attention). */
  dropFocus(ids: ReadonlySet<string>): void;
  /**
   * Once a second: hazards whose readings have gone stale (by the server's clock) turn offline —
   * only while connected (the screen's own link down is not the sensors going silent).
   */
  tick(): void;
}

export type AppState = LiveData &
  ConnectionSlice &
  AuthSlice &
  ViewSlice &
  WallSlice &
  ClockSlice &
  HazardStatesSlice &
  AppActions;
export type AppStore = ReturnType<typeof createAppStore>;

/** The client's one store: socket handlers write to it outside React; components read slices. */
export function createAppStore(now: () => number = Date.now) {
  const tracker = new HazardStateTracker();
  return createStore<AppState>()((set) => ({
    ...initialLiveData(),
    hazardStates: LayeredMap.empty(),
    flaggedHazards: LayeredMap.empty(),
    connection: { state: 'connecting', since: now() },
    auth: { session: 'none', signIn: null },
    selectedHazardId: null,
    focus: null,
    wall: null,
    feedLines: [],
    focusQueue: [],
    firstSeen: new Map(),
    serverTail: true,
    pipeline: null,
    clockOffset: 0,

    applySnapshot: (snapshot) =>
      set((s) => {
        const at = now();
        // The first picture comes before any heartbeat: its time sets the clock already.
        const clockOffset = snapshot.at - at;
        const next = { ...applySnapshot(s, snapshot, at), clockOffset };
        Object.assign(next, tracker.reset(next.hazards, next.readings, at + clockOffset));
        // A first picture starts the feed; a later one (after a long gap) keeps what was seen.
        return s.feedLines.length > 0
          ? next
          : { ...next, feedLines: linesFromPicture(next, FEED_LINES) };
      }),
    applyEvents: (batch) =>
      set((s) => {
        const at = now();
        const { lines, focus } = happenings(batch.events, s, focusRulesOf(s.wall?.config), at);
        const next = { ...applyEvents(s, batch, at) };
        if (next.hazards !== s.hazards) {
          const ids = batch.events.flatMap((e) =>
            e.kind !== 'hazard' ? [] : e.op === 'remove' ? [e.entityId] : [e.data.id],
          );
          Object.assign(
            next,
            tracker.hazardsChanged(next, ids, next.hazards, next.readings, at + s.clockOffset),
          );
        }
        if (lines.length === 0 && focus.length === 0) return next;
        let firstSeen: Map<string, number> | null = null;
        for (const event of batch.events) {
          if (event.kind === 'incident' && event.op === 'upsert' && !s.incidents.has(event.data.id))
            (firstSeen ??= new Map(s.firstSeen)).set(event.data.id, at);
        }
        return {
          ...next,
          firstSeen: firstSeen ?? s.firstSeen,
          feedLines: [...lines.reverse(), ...s.feedLines].slice(0, FEED_LINES),
          focusQueue: queueFocus(s.focusQueue, focus, FOCUS_QUEUE_MAX),
        };
      }),
    applyTelemetry: (frame) =>
      set((s) => {
        const at = now();
        const next = applyTelemetry(s, frame, at);
        if (next.readings === s.readings) return next;
        const ids = frame.readings.map((r) => r.id);
        return {
          ...next,
          ...tracker.readingsChanged(next, ids, next.hazards, next.readings, at + s.clockOffset),
        };
      }),
    tick: () =>
      set((s) => {
        // Offline, no reading can arrive: silence is this screen's, not the sensors'. The
        // picture stays as of the last update; hazards due meanwhile are judged once it is back.
        if (s.connection.state === 'offline') return s;
        const slice = tracker.tick(s, s.hazards, s.readings, now() + s.clockOffset);
        return slice.hazardStates === s.hazardStates && slice.flaggedHazards === s.flaggedHazards
          ? s
          : slice;
      }),
    setConnection: (state) =>
      set((s) => (s.connection.state === state ? s : { connection: { state, since: now() } })),
    setSession: (session) => set({ auth: { session, signIn: null } }),
    requireSignIn: (reason) => set({ auth: { session: 'none', signIn: reason } }),
    selectHazard: (hazardId) => set({ selectedHazardId: hazardId }),
    setWall: (wall) => set({ wall }),
    heartbeat: (beat) => {
      const at = now();
      set({
        lastMessageAt: at,
        serverTail: beat.tail,
        pipeline: beat.pipeline ?? null,
        clockOffset: beat.at - at,
      });
    },
    dequeueFocus: () => set((s) => ({ focusQueue: s.focusQueue.slice(1) })),
    enqueueFocus: (items) =>
      set((s) => ({ focusQueue: queueFocus(s.focusQueue, items, FOCUS_QUEUE_MAX) })),
    dropFocus: (ids) => set((s) => ({ focusQueue: s.focusQueue.filter((i) => !ids.has(i.id)) })),
    focusHazard: (hazardId) =>
      set((s) => ({
        selectedHazardId: hazardId,
        focus: { hazardId, seq: (s.focus?.seq ?? 0) + 1 },
      })),
  }));
}
