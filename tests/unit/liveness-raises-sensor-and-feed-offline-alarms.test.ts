import { describe, expect, it } from 'vitest';
import { evaluateLiveness, type Alarm, type LivenessInput, type Sensor } from '@cc/shared';

const sensor = (id: string, interval = 1): Sensor => ({
  id: `ag:${id}`,
  hazardId: 'ag:h1',
  metric: 'level',
  unit: '%',
  thresholds: { high: 90 },
  interval,
});
const A = sensor('a');
const B = sensor('b');
const T0 = 1_800_000_000_000;

function input(now: number, seen: Record<string, number>, active: Alarm[] = []): LivenessInput {
  return {
    now,
    sensors: [A, B],
    lastSeen: new Map(Object.entries(seen)),
    registeredAt: new Map([['ag:h1', T0]]),
    active: new Map(active.map((a) => [a.sensorId ?? a.agency, a])),
  };
}
const alarms = (i: LivenessInput) => evaluateLiveness(i).flatMap((c) => c.alarms);

describe('liveness: offline alarms from silence', () => {
  it('raises nothing while every sensor reported within three intervals', () => {
    expect(alarms(input(T0 + 10_000, { 'ag:a': T0 + 8_000, 'ag:b': T0 + 7_001 }))).toEqual([]);
  });

  it('raises one alarm for a sensor silent past three intervals, at its deadline', () => {
    const [raised, ...rest] = alarms(
      input(T0 + 10_000, { 'ag:a': T0 + 9_000, 'ag:b': T0 + 6_000 }),
    );
    expect(rest).toEqual([]);
    expect(raised).toMatchObject({
      id: `ag:b@offline@${T0 + 6_000}`,
      cause: 'offline',
      level: 'offline',
      status: 'active',
      agency: 'ag',
      sensorId: 'ag:b',
      hazardId: 'ag:h1',
      metric: 'level',
      unit: '%',
      raisedAt: T0 + 9_000,
    });
  });

  it('counts a sensor that never reported from its hazard registration', () => {
    const [raised] = alarms(input(T0 + 3_500, { 'ag:a': T0 + 3_000 }));
    expect(raised).toMatchObject({ sensorId: 'ag:b', id: `ag:b@offline@${T0}` });
  });

  it('raises one feed-level alarm, not one per sensor, when the whole feed is silent', () => {
    const out = evaluateLiveness(input(T0 + 20_000, { 'ag:a': T0 + 5_000, 'ag:b': T0 + 4_000 }));
    expect(out).toHaveLength(1);
    expect(out[0]!.alarms).toHaveLength(1);
    const feed = out[0]!.alarms[0]!;
    expect(feed).toMatchObject({ id: `ag@offline@${T0 + 5_000}`, agency: 'ag', status: 'active' });
    expect(feed.sensorId).toBeUndefined();
    expect(feed.hazardId).toBeUndefined();
  });

  it('is stable: the same alarm already active changes nothing', () => {
    const i = input(T0 + 20_000, { 'ag:a': T0 + 5_000, 'ag:b': T0 + 4_000 });
    const feed = alarms(i)[0]!;
    expect(alarms({ ...i, active: new Map([['ag', feed]]) })).toEqual([]);
  });

  it('replaces the sensor alarms by the feed alarm, and back when one sensor reports', () => {
    const now = T0 + 20_000;
    const sensorAlarm = alarms(input(now, { 'ag:a': now, 'ag:b': T0 + 4_000 }))[0]!;
    const toFeed = alarms(input(now, { 'ag:a': T0 + 5_000, 'ag:b': T0 + 4_000 }, [sensorAlarm]));
    expect(toFeed.map((a) => [a.id, a.status])).toEqual([
      [sensorAlarm.id, 'cleared'],
      [`ag@offline@${T0 + 5_000}`, 'active'],
    ]);
    const feed = toFeed[1]!;
    const back = alarms(input(now, { 'ag:a': now - 100, 'ag:b': T0 + 4_000 }, [feed]));
    expect(back.map((a) => [a.id, a.status])).toEqual([
      [feed.id, 'cleared'],
      [sensorAlarm.id, 'active'],
    ]);
  });

  it('clears an alarm whose sensor is no longer registered', () => {
    const gone: Alarm = { ...alarms(input(T0 + 3_500, { 'ag:a': T0 + 3_000 }))[0]! };
    const out = evaluateLiveness({ ...input(T0 + 3_500, {}, [gone]), sensors: [] });
    expect(out).toEqual([
      {
        agency: 'ag',
        alarms: [{ ...gone, status: 'cleared', updatedAt: T0 + 3_500, clearedAt: T0 + 3_500 }],
      },
    ]);
  });
});
