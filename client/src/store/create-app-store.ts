import { createStore } from 'zustand/vanilla';
import type { EventBatch, Snapshot, TelemetryFrame } from '@cc/shared';
import type { SessionKind } from '../auth/session';
import { applyEvents, applySnapshot, applyTelemetry, initialLiveData } from './live-reducers';
import type { LiveData } from './live-reducers';

export type ConnectionState = 'connecting' | 'live' | 'offline';

export interface ConnectionSlice {
  connection: { state: ConnectionState; /** epoch ms */ since: number };
}

/** Why the sign-in form is shown: no valid token, or the token's role may not see the picture. */
export type SignInReason = 'required' | 'forbidden';

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
}

export type AppState = LiveData & ConnectionSlice & AuthSlice & ViewSlice & AppActions;
export type AppStore = ReturnType<typeof createAppStore>;

/** The client's one store: socket handlers write to it outside React; components read slices. */
export function createAppStore(now: () => number = Date.now) {
  return createStore<AppState>()((set) => ({
    ...initialLiveData(),
    connection: { state: 'connecting', since: now() },
    auth: { session: 'none', signIn: null },
    selectedHazardId: null,
    focus: null,

    applySnapshot: (snapshot) => set((s) => applySnapshot(s, snapshot, now())),
    applyEvents: (batch) => set((s) => applyEvents(s, batch, now())),
    applyTelemetry: (frame) => set((s) => applyTelemetry(s, frame, now())),
    setConnection: (state) =>
      set((s) => (s.connection.state === state ? s : { connection: { state, since: now() } })),
    setSession: (session) => set({ auth: { session, signIn: null } }),
    requireSignIn: (reason) => set({ auth: { session: 'none', signIn: reason } }),
    selectHazard: (hazardId) => set({ selectedHazardId: hazardId }),
    focusHazard: (hazardId) =>
      set((s) => ({
        selectedHazardId: hazardId,
        focus: { hazardId, seq: (s.focus?.seq ?? 0) + 1 },
      })),
  }));
}
