import {
  Alarm,
  Camera,
  CameraHealth,
  DutyEntry,
  DisasterReport,
  Report,
  Hazard,
  HiddenHazard,
  Incident,
  Order,
  ORIGIN_EVENT_ID,
  Place,
  Position,
  ProtectiveZone,
  Station,
  Reading,
  Resource,
  RiskArea,
  Warning,
  StockLedger,
  type Snapshot,
} from '@cc/shared';
import type { Keys, Redis, StateKind } from '@cc/shared/node';

/** Which state hash fills which part of the snapshot, and the schema of its entries. */
const PARTS = {
  hazards: ['hazard', Hazard],
  readings: ['reading', Reading],
  alarms: ['alarm', Alarm],
  incidents: ['incident', Incident],
  resources: ['resource', Resource],
  positions: ['position', Position],
  warnings: ['warning', Warning],
  riskareas: ['riskarea', RiskArea],
  orders: ['order', Order],
  places: ['place', Place],
  stations: ['station', Station],
  zones: ['zone', ProtectiveZone],
  hiddenhazards: ['hiddenhazard', HiddenHazard],
  cameras: ['camera', Camera],
  cameraHealth: ['camerahealth', CameraHealth],
  duties: ['duty', DutyEntry],
  reports: ['report', Report],
  stocks: ['stock', StockLedger],
  disasterreports: ['disasterreport', DisasterReport],
} as const satisfies Record<
  Exclude<keyof Snapshot, 'eventId' | 'at'>,
  readonly [StateKind, { parse: (v: unknown) => unknown }]
>;
type Part = keyof typeof PARTS;
const PART_NAMES = Object.keys(PARTS) as Part[];

/** Called for a stored entry that no longer parses; the picture goes on without it. */
export type OnUnreadable = (key: string, id: string, err: unknown) => void;

function values<T>(
  hash: Record<string, string>,
  schema: { parse: (v: unknown) => T },
  key: string,
  onUnreadable?: OnUnreadable,
): T[] {
  const out: T[] = [];
  for (const [id, json] of Object.entries(hash)) {
    try {
      out.push(schema.parse(JSON.parse(json)));
    } catch (err) {
      // One bad entry must not blank the whole wall.
      onUnreadable?.(key, id, err);
    }
  }
  return out;
}

/**
 * The whole picture and the id of the last event it reflects, read in one MULTI: ingest writes
 * state and appends the stream in one script, so the two always agree.
 */
export async function readSnapshot(
  redis: Redis,
  keys: Keys,
  onUnreadable?: OnUnreadable,
  now = Date.now(),
): Promise<Snapshot> {
  const multi = redis.multi();
  for (const part of PART_NAMES) multi.hGetAll(keys.state(PARTS[part][0]));
  multi.xRevRange(keys.events, '+', '-', { COUNT: 1 });
  const replies = (await multi.exec()) as unknown[];
  const last = replies[PART_NAMES.length] as { id: string }[];
  const snapshot = { eventId: last[0]?.id ?? ORIGIN_EVENT_ID, at: now } as Snapshot;
  PART_NAMES.forEach((part, i) => {
    const schema: { parse: (v: unknown) => unknown } = PARTS[part][1];
    (snapshot as unknown as Record<Part, unknown[]>)[part] = values(
      replies[i] as Record<string, string>,
      schema,
      keys.state(PARTS[part][0]),
      onUnreadable,
    );
  });
  // Closed items stay in the ledger, not in the live picture.
  snapshot.hiddenhazards = snapshot.hiddenhazards.filter((h) => h.stage !== 'closed');
  return snapshot;
}

/** Current telemetry only: sent to a client that resumed by replay, since telemetry is not replayed. */
export async function readTelemetry(redis: Redis, keys: Keys, onUnreadable?: OnUnreadable) {
  const [readings, positions] = await Promise.all([
    redis.hGetAll(keys.state('reading')),
    redis.hGetAll(keys.state('position')),
  ]);
  return {
    readings: values(readings, Reading, keys.state('reading'), onUnreadable),
    positions: values(positions, Position, keys.state('position'), onUnreadable),
  };
}
