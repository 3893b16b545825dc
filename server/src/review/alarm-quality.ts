import type pg from 'pg';
import type { Alarm, AlarmQuality, EnterpriseQuality, Hazard, SensorQuality } from '@cc/shared';

/**
 * Alarm-quality analytics over a period, per sensor and per enterprise, measured against the
 * EEMUA 191 / ISA-18.2 benchmarks: ≤ 6 alarms per operator-hour manageable, ≤ 1 per 10 minutes
 * the target (both averaged over the period).
 */
export const CHATTER_WINDOW_MS = 10 * 60_000;
/** Raised and cleared this many times within the window: chattering. */
export const CHATTER_COUNT = 3;
export const STANDING_MS = 24 * 3_600_000;
/** A registered sensor with no archived reading for this long before the period's end: stale. */
export const STALE_MS = 24 * 3_600_000;
export const MANAGEABLE_PER_HOUR = 6;
export const TARGET_PER_10_MIN = 1;

export type { AlarmQuality, EnterpriseQuality, SensorQuality } from '@cc/shared';

/** The median (the mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** Episodes of ≥ `CHATTER_COUNT` raise-and-clear cycles within `CHATTER_WINDOW_MS`. */
export function chatterEpisodes(alarms: readonly Alarm[]): number {
  const cycles = alarms
    .filter((a) => a.clearedAt !== undefined)
    .map((a) => a.raisedAt)
    .sort((a, b) => a - b);
  const cleared = new Map(alarms.map((a) => [a.raisedAt, a.clearedAt ?? Infinity]));
  let episodes = 0;
  let i = 0;
  while (i + CHATTER_COUNT - 1 < cycles.length) {
    const start = cycles[i]!;
    const last = cycles[i + CHATTER_COUNT - 1]!;
    if ((cleared.get(last) ?? Infinity) - start <= CHATTER_WINDOW_MS) {
      episodes++;
      // The next episode starts after this window.
      while (i < cycles.length && cycles[i]! - start <= CHATTER_WINDOW_MS) i++;
    } else {
      i++;
    }
  }
  return episodes;
}

const DAY = 86_400_000;

/** Computes the figures from the archived alarm events of the period and the live registry. */
export async function alarmQuality(
  pool: pg.Pool,
  hazards: readonly Hazard[],
  from: number,
  to: number,
): Promise<AlarmQuality> {
  const iso = (ms: number) => new Date(ms).toISOString();
  // An alarm raised in the period may be updated (cleared, acknowledged) up to a day after it.
  const { rows } = await pool.query<{ body: { op?: string; data?: Alarm } }>(
    `SELECT body FROM events WHERE kind = 'alarm' AND at >= $1 AND at < $2
     ORDER BY stream_ms, stream_seq`,
    [iso(from), iso(to + DAY)],
  );
  const latest = new Map<string, Alarm>();
  for (const r of rows)
    if (r.body.op === 'upsert' && r.body.data) latest.set(r.body.data.id, r.body.data);
  const alarms = [...latest.values()].filter(
    (a) => a.sensorId !== undefined && a.raisedAt >= from && a.raisedAt < to,
  );
  // What was known at the period's end.
  const asOfEnd = (a: Alarm): Alarm => ({
    ...a,
    ...(a.clearedAt !== undefined && a.clearedAt > to ? { clearedAt: undefined } : {}),
  });
  const days = (to - from) / DAY;
  const hours = (to - from) / 3_600_000;
  const sensorHazard = new Map<string, Hazard>();
  for (const h of hazards) for (const s of h.sensors) sensorHazard.set(s.id, h);

  const toAck = (as: readonly Alarm[]) =>
    median(
      as.flatMap((a) =>
        a.acknowledged && a.acknowledged.at <= to ? [a.acknowledged.at - a.raisedAt] : [],
      ),
    );
  const toDispose = (as: readonly Alarm[]) =>
    median(
      as.flatMap((a) => (a.disposal && a.disposal.at <= to ? [a.disposal.at - a.raisedAt] : [])),
    );
  const standing = (as: readonly Alarm[]) =>
    as.filter((a) => (asOfEnd(a).clearedAt ?? to) - a.raisedAt > STANDING_MS).length;

  const bySensor = new Map<string, Alarm[]>();
  for (const a of alarms) {
    const list = bySensor.get(a.sensorId!) ?? [];
    list.push(asOfEnd(a));
    bySensor.set(a.sensorId!, list);
  }
  const sensors: SensorQuality[] = [...bySensor.entries()].map(([sensorId, as]) => {
    const h = sensorHazard.get(sensorId);
    const hazardId = h?.id ?? as[0]!.hazardId ?? null;
    return {
      sensorId,
      hazardId,
      enterprise: h?.enterprise ?? null,
      alarms: as.length,
      perDay: as.length / days,
      chatterEpisodes: chatterEpisodes(as),
      standing: standing(as),
      medianToAcknowledgeMs: toAck(as),
      medianToDisposeMs: toDispose(as),
    };
  });
  sensors.sort((a, b) => a.sensorId.localeCompare(b.sensorId));

  const byEnterprise = new Map<string, Alarm[]>();
  for (const a of alarms) {
    const e = sensorHazard.get(a.sensorId!)?.enterprise ?? a.agency;
    const list = byEnterprise.get(e) ?? [];
    list.push(asOfEnd(a));
    byEnterprise.set(e, list);
  }
  const enterprises: EnterpriseQuality[] = [...byEnterprise.entries()]
    .map(([enterprise, as]) => ({
      enterprise,
      alarms: as.length,
      perDay: as.length / days,
      perHour: as.length / hours,
      chatteringSensors: sensors.filter(
        (s) => (s.enterprise ?? '') === enterprise && s.chatterEpisodes > 0,
      ).length,
      standing: standing(as),
      medianToAcknowledgeMs: toAck(as),
      medianToDisposeMs: toDispose(as),
    }))
    .sort((a, b) => b.alarms - a.alarms);

  const worst = [...sensors]
    .sort(
      (a, b) =>
        b.alarms - a.alarms ||
        b.chatterEpisodes - a.chatterEpisodes ||
        b.standing - a.standing ||
        a.sensorId.localeCompare(b.sensorId),
    )
    .slice(0, 10);

  const buckets = new Map<number, number>();
  for (const a of alarms) {
    const b = Math.floor((a.raisedAt - from) / CHATTER_WINDOW_MS);
    buckets.set(b, (buckets.get(b) ?? 0) + 1);
  }
  const perDay = new Map<number, number>();
  for (const a of alarms) {
    const d = from + Math.floor((a.raisedAt - from) / DAY) * DAY;
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
  }

  // Stale: registered sensors with no archived reading in the last day of the period.
  const sensorIds = [...sensorHazard.keys()];
  const last = new Map<string, number>();
  if (sensorIds.length > 0) {
    const r = await pool.query<{ entity_id: string; at: Date }>(
      `SELECT entity_id, max(at) AS at FROM telemetry
       WHERE kind = 'reading' AND entity_id = ANY($1) AND at < $2 GROUP BY entity_id`,
      [sensorIds, iso(to)],
    );
    for (const row of r.rows) last.set(row.entity_id, row.at.getTime());
  }
  const staleSensors = sensorIds
    .filter((id) => (last.get(id) ?? -Infinity) < to - STALE_MS)
    .sort()
    .map((id) => {
      const h = sensorHazard.get(id)!;
      return {
        sensorId: id,
        hazardId: h.id,
        enterprise: h.enterprise,
        lastReadingAt: last.get(id) ?? null,
      };
    });

  const perHour = alarms.length / hours;
  const per10Min = alarms.length / (hours * 6);
  return {
    from,
    to,
    alarms: alarms.length,
    perHour,
    per10Min,
    peak10Min: Math.max(0, ...buckets.values()),
    benchmark: {
      manageablePerHour: MANAGEABLE_PER_HOUR,
      targetPer10Min: TARGET_PER_10_MIN,
      manageable: perHour <= MANAGEABLE_PER_HOUR,
      onTarget: per10Min <= TARGET_PER_10_MIN,
    },
    medianToAcknowledgeMs: toAck(alarms),
    medianToDisposeMs: toDispose(alarms),
    sensors,
    enterprises,
    worst,
    staleSensors,
    perDayCounts: [...perDay.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([day, n]) => ({ day, alarms: n })),
  };
}
