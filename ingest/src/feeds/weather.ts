import {
  Alarm,
  Station,
  WeatherMessage,
  entityId,
  evaluateReading,
  type IssuePath,
  type Metric,
  type Sensor,
  type Thresholds,
} from '@cc/shared';
import { commit, type CommitOp } from '@cc/shared/node';
import { toWgs84 } from './coords';
import { observedAt, validate } from './decode';
import { pointOutside } from './service-area';
import { eachItem, flagged, staleError } from './upsert';
import { appendEvent, putJson } from '../store/ops';
import { CAS_ATTEMPTS, type FeedContext, type FeedHandler, type Outcome } from './context';

/** Observations kept per station (its `stationHistory`). */
const HISTORY_MAX = 2_000;

type StationMetric = 'wind_speed' | 'rain_1h' | 'water_level';

/**
 * The thresholds a station's observations are judged by. Wind: Beaufort force 8 (gale, 17.2 m/s)
 * and force 10 (storm, 24.5 m/s), the thresholds of China's gale warnings. Hourly rain: 20 mm
 * (短时强降水, short-duration heavy rain) and 50 mm. Water level: the gauge's own warning level
 * (警戒水位) and guaranteed level (保证水位), when it reports them.
 */
export function stationThresholds(
  s: Pick<Station, 'warningLevel' | 'guaranteedLevel'>,
): Partial<Record<StationMetric, { unit: string; thresholds: Thresholds }>> {
  const out: Partial<Record<StationMetric, { unit: string; thresholds: Thresholds }>> = {
    wind_speed: { unit: 'm/s', thresholds: { high: 17.2, highHigh: 24.5, deadband: 1 } },
    rain_1h: { unit: 'mm', thresholds: { high: 20, highHigh: 50, deadband: 2 } },
  };
  const high = s.warningLevel;
  const highHigh = s.guaranteedLevel;
  if (high !== undefined || highHigh !== undefined) {
    out.water_level = {
      unit: 'm',
      thresholds: {
        ...(high === undefined ? {} : { high }),
        ...(highHigh === undefined ? {} : { highHigh }),
        deadband: 0.05,
      },
    };
  }
  return out;
}

/** The value of a metric in a station's (merged) observation. */
function valueOf(s: Station, metric: StationMetric): number | undefined {
  if (metric === 'wind_speed') return s.wind?.speed;
  if (metric === 'rain_1h') return s.rain1h;
  return s.waterLevel;
}

/** The station as stored: the new observation over the previous one (a field not sent keeps its value). */
function toStation(
  agency: string,
  msg: WeatherMessage,
  ts: number,
  at: IssuePath,
  prev: Station | undefined,
): Station {
  const { id, crs, location, ts: _sent, ...fields } = msg;
  void _sent;
  return {
    ...(prev ?? {}),
    ...fields,
    id: entityId(agency, id),
    agency,
    ts,
    location: toWgs84(location.coordinates, crs, [...at, 'location', 'coordinates']),
    levels: prev?.levels ?? {},
  };
}

async function writeStation(
  ctx: FeedContext,
  agency: string,
  msg: WeatherMessage,
  ts: number,
  at: IssuePath,
): Promise<{ outcome: Outcome; station?: Station }> {
  const { redis, keys } = ctx;
  const id = entityId(agency, msg.id);
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
    const [prevJson, storedText] = await Promise.all([
      redis.hGet(keys.state('station'), id),
      redis.hGet(keys.obs('station'), id),
    ]);
    const stored = storedText === null ? null : Number(storedText);
    if (stored !== null && stored >= ts) {
      return { outcome: stored === ts ? { status: 'duplicate' } : { status: 'late' } };
    }
    const prev = prevJson === null ? undefined : Station.parse(JSON.parse(prevJson));
    const station = toStation(agency, msg, ts, at, prev);
    const ops: CommitOp[] = [];
    const levels = { ...station.levels };
    for (const [metric, spec] of Object.entries(stationThresholds(station)) as [
      StationMetric,
      { unit: string; thresholds: Thresholds },
    ][]) {
      const value = valueOf(station, metric);
      // Only what this message measured is judged: a kept value is not a new reading.
      const sent =
        metric === 'wind_speed'
          ? msg.wind !== undefined
          : metric === 'rain_1h'
            ? msg.rain1h !== undefined
            : msg.waterLevel !== undefined;
      if (value === undefined || !sent) continue;
      const sensor: Sensor = {
        id: `${id}#${metric}`,
        hazardId: id,
        name: station.name,
        metric: metric satisfies Metric,
        unit: spec.unit,
        thresholds: spec.thresholds,
        interval: 600,
      };
      const last = levels[metric];
      const alarmJson = last?.alarmId ? await redis.hGet(keys.state('alarm'), last.alarmId) : null;
      const alarm = alarmJson === null ? undefined : Alarm.parse(JSON.parse(alarmJson));
      const { reading, alarms } = evaluateReading(
        sensor,
        agency,
        { reading: last ? { id: sensor.id, ...last } : undefined, alarm },
        ts,
        value,
      );
      levels[metric] = {
        ts: reading.ts,
        value: reading.value,
        level: reading.level,
        ...(reading.alarmId === undefined ? {} : { alarmId: reading.alarmId }),
      };
      for (const a of alarms) {
        ops.push(
          a.status === 'active'
            ? putJson(keys.state('alarm'), a.id, a)
            : { op: 'hdel', key: keys.state('alarm'), field: a.id },
          appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: a }),
        );
      }
    }
    const data: Station = { ...station, levels };
    const { levels: _l, ...observation } = data;
    void _l;
    ops.unshift(
      putJson(keys.state('station'), id, data),
      appendEvent(ctx, { kind: 'station', op: 'upsert', data }),
      {
        op: 'zadd',
        key: keys.stationHistory(id),
        maxlen: HISTORY_MAX,
        score: ts,
        member: JSON.stringify(observation),
      },
    );
    const result = await commit(
      redis,
      { obsKey: keys.obs('station'), id, ts, expected: stored },
      ops,
    );
    if (result.status === 'ok') return { outcome: { status: 'applied' }, station: data };
    if (result.status === 'stale') {
      return {
        outcome:
          result.stored === ts
            ? { status: 'duplicate' }
            : { status: 'rejected', id: msg.id, error: staleError(ts, result.stored, at) },
      };
    }
  }
  throw new Error(`station ${id}: too many concurrent writers`);
}

/**
 * `weather`: observations of meteorological stations and water-level gauges. Latest wins (an
 * older observation is `late`: it leaves the state alone); each applied one is an event (a station
 * reports every few minutes), kept in the station's history, and judged against the thresholds
 * (`stationThresholds`) like a sensor's reading: alarms are raised, changed and cleared the same
 * way. Protective-action zones follow the stations' wind (sweepers/zones.ts).
 */
export const handleWeather: FeedHandler = (ctx, agency, items, batch) =>
  eachItem(items, batch, async (item, at) => {
    const msg = validate(WeatherMessage, item, at);
    const ts = observedAt(ctx, msg.ts, at, 'telemetry');
    const { outcome, station } = await writeStation(ctx, agency, msg, ts, at);
    const where = [...at, 'location', 'coordinates'];
    return flagged(
      outcome,
      msg.id,
      station ? pointOutside(ctx.serviceArea, station.location, where) : undefined,
    );
  });
