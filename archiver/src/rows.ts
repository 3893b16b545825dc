import type { TelemetryEntry } from '@cc/shared';

/** One row of the `events` table, from one entry of the `events` stream. */
export interface EventRow {
  ms: number;
  seq: number;
  kind: string | null;
  op: string | null;
  entityId: string | null;
  /** Observation time carried by the event (epoch ms), if any. */
  observedAt: number | null;
  /** JSON text of the body. */
  body: string;
}

/**
 * JSON text PostgreSQL's jsonb takes: it holds no NUL character, so a string with one has it
 * replaced by U+FFFD (only such texts pay for the replacer).
 */
export function jsonbText(value: unknown): string {
  const text = JSON.stringify(value);
  if (!text.includes('\\u0000')) return text;
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? v.replaceAll('\0', '\uFFFD') : v,
  );
}

/** A text column's value: PostgreSQL's text holds no NUL either. */
const str = (v: unknown): string | null =>
  typeof v === 'string' ? v.replaceAll('\0', '\uFFFD') : null;

/**
 * The row archiving one stream entry. The archive records what the stream holds, not what this
 * version of the code makes of it: the event is not checked against the contract, only its kind,
 * op, entity and time are lifted into columns. An entry that is not JSON is kept as
 * `{"unreadable": text}` (`unreadable: true`), so nothing the stream held is missing.
 */
export function eventRow(entry: { id: string; message: Record<string, string> }): {
  row: EventRow;
  unreadable: boolean;
} {
  const [ms = '0', seq = '0'] = entry.id.split('-');
  const text = entry.message.e;
  let body: unknown;
  let unreadable = false;
  try {
    body = JSON.parse(text ?? '');
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error();
  } catch {
    unreadable = true;
    body = { unreadable: text ?? JSON.stringify(entry.message) };
  }
  const event = body as { kind?: unknown; op?: unknown; entityId?: unknown; data?: unknown };
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as {
    id?: unknown;
    ts?: unknown;
  };
  const ts = typeof data.ts === 'number' && Number.isFinite(data.ts) ? data.ts : null;
  return {
    row: {
      ms: Number(ms),
      seq: Number(seq),
      kind: unreadable ? null : str(event.kind),
      op: unreadable ? null : str(event.op),
      entityId: unreadable ? null : (str(event.entityId) ?? str(data.id)),
      observedAt: ts,
      body: jsonbText(body),
    },
    unreadable,
  };
}

/** One row of the `telemetry` table. */
export interface TelemetryRow {
  kind: 'reading' | 'position';
  entityId: string;
  at: number;
  bucket: number;
  sampled: boolean;
  alarm: boolean;
  value: number | null;
  level: string | null;
  alarmId: string | null;
  lng: number | null;
  lat: number | null;
  heading: number | null;
  speed: number | null;
}

/**
 * Decides which readings and positions go to the archive: per entity the first one of each
 * sample period (by observation time), and every alarm-relevant reading — past a threshold,
 * keeping an alarm open, or the first one whose level differs from the entity's last (back to
 * normal). What it remembers is only a shortcut: the table's keys make a second delivery a
 * no-op, so a restart that forgot everything stores nothing twice.
 *
 * A batch is decided with `decide` and remembered with `commit` once it is stored: a batch that
 * failed to store is decided again, the same way, when it is read again.
 */
export function createSampler(periodMs: number) {
  /** `{kind}:{id}` → the last sample period taken. */
  const taken = new Map<string, number>();
  /** Sensor id → level of its last reading seen. */
  const levels = new Map<string, string>();

  return {
    decide(entries: readonly TelemetryEntry[]) {
      const takenNow = new Map<string, number>();
      const levelsNow = new Map<string, string>();
      const rows: TelemetryRow[] = [];
      for (const entry of entries) {
        const kind = 'reading' in entry ? 'reading' : 'position';
        const item = 'reading' in entry ? entry.reading : entry.position;
        const key = `${kind}:${item.id}`;
        const bucket = Math.floor(item.ts / periodMs);
        const last = takenNow.get(key) ?? taken.get(key);
        let alarm = false;
        if ('reading' in entry) {
          const { level, alarmId } = entry.reading;
          const before = levelsNow.get(item.id) ?? levels.get(item.id);
          alarm = level !== 'normal' || alarmId !== undefined || (before ?? level) !== level;
          levelsNow.set(item.id, level);
        }
        // An alarm-relevant reading is kept apart from the samples (`sampled` false): it never
        // takes a period's place, so a restart that finds the period taken still stores it.
        const sampled = !alarm && last !== bucket;
        if (!sampled && !alarm) continue;
        if (sampled) takenNow.set(key, bucket);
        rows.push(
          'reading' in entry
            ? {
                kind,
                entityId: item.id,
                at: item.ts,
                bucket,
                sampled,
                alarm,
                value: entry.reading.value,
                level: entry.reading.level,
                alarmId: entry.reading.alarmId ?? null,
                lng: null,
                lat: null,
                heading: null,
                speed: null,
              }
            : {
                kind,
                entityId: item.id,
                at: item.ts,
                bucket,
                sampled,
                alarm,
                value: null,
                level: null,
                alarmId: null,
                lng: entry.position.location[0],
                lat: entry.position.location[1],
                heading: entry.position.heading ?? null,
                speed: entry.position.speed ?? null,
              },
        );
      }
      return {
        rows,
        commit() {
          for (const [k, v] of takenNow) taken.set(k, v);
          for (const [k, v] of levelsNow) levels.set(k, v);
        },
      };
    },
  };
}
export type Sampler = ReturnType<typeof createSampler>;
