import type pg from 'pg';
import { ORIGIN_EVENT_ID, type ReplayPicture, type ReplaySpan, type Snapshot } from '@cc/shared';
import {
  applyEvents,
  applySnapshot,
  applyTelemetry,
  initialLiveData,
  type LiveData,
} from '@cc/shared/live/reducers';
import { checkpointAt, eventsAfter, latestTelemetry, telemetryBetween } from './archive';

type Queryable = Pick<pg.Pool, 'query'>;

/** Events read from the archive at a time while building a picture. */
const PAGE = 5_000;
/**
 * How far before a checkpoint archived telemetry is looked at: a reading observed shortly before
 * the checkpoint may have reached the archive only after it (newest wins, so overlap is harmless).
 */
const TELEMETRY_OVERLAP_MS = 60_000;
/** Telemetry rows in one span answer, at most. */
const TELEMETRY_LIMIT = 50_000;
/** Without a checkpoint, sensor values and positions observed this long before `at` at most. */
const TELEMETRY_WITHOUT_CHECKPOINT_MS = 3_600_000;

/** The picture as a snapshot: what a screen's store holds, in the live protocol's shape. */
export function snapshotOf(data: LiveData, at: number): Snapshot {
  const list = <T>(m: ReadonlyMap<string, T>) => [...m.values()];
  return {
    eventId: data.lastEventId ?? ORIGIN_EVENT_ID,
    at,
    hazards: list(data.hazards),
    readings: list(data.readings),
    alarms: list(data.alarms),
    incidents: list(data.incidents),
    resources: list(data.resources),
    positions: list(data.positions),
    warnings: list(data.warnings),
    riskareas: list(data.riskareas),
    orders: list(data.orders),
    places: list(data.places),
    stations: list(data.stations),
    zones: list(data.zones),
    hiddenhazards: list(data.hiddenhazards),
    cameras: list(data.cameras),
    cameraHealth: list(data.cameraHealth),
    duties: list(data.duties),
    reports: list(data.reports),
    stocks: list(data.stocks),
    disasterreports: list(data.disasterreports),
  };
}

/**
 * The picture as it was at `at` (epoch ms): the newest checkpoint at or before it, the archived
 * events after that checkpoint up to `at` applied with the live reducers (shared/src/live/
 * reducers.ts, the code every screen's store runs), then each sensor's and vehicle's last
 * archived value up to `at`. Like a live snapshot it holds active alarms and open hidden
 * hazards only (what a screen shows), and `eventId` is the last event it reflects: playback
 * continues from there.
 */
export async function buildReplay(
  db: Queryable,
  at: number,
  onUnreadable?: (id: string, err: unknown) => void,
): Promise<ReplayPicture> {
  const checkpoint = await checkpointAt(db, at);
  let data: LiveData = initialLiveData();
  if (checkpoint) data = applySnapshot(data, checkpoint.snapshot, at);
  let after = checkpoint?.snapshot.eventId ?? ORIGIN_EVENT_ID;
  let applied = 0;
  for (;;) {
    const page = await eventsAfter(db, after, at, PAGE, onUnreadable);
    if (page.events.length > 0) data = applyEvents(data, { events: page.events }, at);
    applied += page.events.length;
    if (!page.full || page.last === undefined) break;
    after = page.last;
  }
  const from = checkpoint
    ? checkpoint.takenAt - TELEMETRY_OVERLAP_MS
    : at - TELEMETRY_WITHOUT_CHECKPOINT_MS;
  const telemetry = await latestTelemetry(db, from, at);
  data = applyTelemetry(data, telemetry, at);
  return {
    snapshot: snapshotOf(data, at),
    checkpointAt: checkpoint?.takenAt ?? null,
    eventsApplied: applied,
  };
}

/**
 * Events stored and telemetry observed in (from, to], at most `limit` events: past that the
 * span ends at the last event's time (events of that millisecond all included, so asking again
 * from `to` neither skips nor repeats one).
 */
export async function replaySpan(
  db: Queryable,
  from: number,
  to: number,
  limit: number,
  onUnreadable?: (id: string, err: unknown) => void,
): Promise<ReplaySpan> {
  const after = `${from}-${Number.MAX_SAFE_INTEGER}`;
  let page = await eventsAfter(db, after, to, limit + 1, onUnreadable);
  let end = to;
  let more = false;
  if (page.full && page.last !== undefined) {
    // Cut at the last whole millisecond.
    const lastMs = Number(page.last.split('-')[0]);
    const firstMs = Number(page.events[0]?.id.split('-')[0] ?? lastMs);
    end = lastMs > firstMs ? lastMs - 1 : lastMs;
    if (lastMs === firstMs) {
      // A single millisecond holding more than `limit` events: all of it, once.
      page = await eventsAfter(db, after, lastMs, Number.MAX_SAFE_INTEGER, onUnreadable);
    }
    more = end < to;
  }
  const telemetry = await telemetryBetween(db, from, end, TELEMETRY_LIMIT);
  let { readings, positions } = telemetry;
  if (telemetry.full && telemetry.lastAt !== undefined && telemetry.lastAt - 1 > from) {
    // Cut at the last whole millisecond of telemetry too.
    end = telemetry.lastAt - 1;
    more = true;
    readings = readings.filter((r) => r.ts <= end);
    positions = positions.filter((p) => p.ts <= end);
  }
  const events = page.events.filter((e) => Number(e.id.split('-')[0]) <= end);
  return {
    from,
    to: end,
    events,
    readings,
    positions,
    more,
  };
}
