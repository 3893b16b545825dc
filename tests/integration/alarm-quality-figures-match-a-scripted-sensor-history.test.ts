import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Alarm, Hazard, LiveEvent } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import { migrate } from '../../archiver/src/db';
import { eventRow } from '../../archiver/src/rows';
import { insertEvents, insertTelemetry } from '../../archiver/src/write';
import type { AlarmQuality } from '../../server/src/review/alarm-quality';
import type { RunningServer } from '../../server/src/server';
import { isolate } from '../helpers/isolation';
import { testSchema, type TestSchema } from '../helpers/postgres';
import { api, quietLog, startTestServer } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';

/**
 * Two days of a scripted sensor history in the archive, whose alarm-quality figures are known:
 * A1 chatters twice (4 and 3 raise/clear cycles within 10 minutes), A2 stands (never cleared),
 * A3 alarms once and then goes silent (stale), B1 alarms twice an hour apart.
 */
const D0 = Date.parse('2026-11-01T00:00:00+08:00');
const MIN = 60_000;
const HOUR = 60 * MIN;
const iso = isolate('alarm-quality');
let redis: Redis;
let db: TestSchema;
let server: RunningServer;
let q: AlarmQuality;

type Spec = {
  sensor: string;
  hazard: string;
  at: number;
  clearAfter?: number;
  ack?: number;
  dispose?: number;
};
const SPECS: Spec[] = [
  ...[0, 2, 4, 6].map((m, i) => ({
    sensor: 'ent:A1',
    hazard: 'ent:HZ-A',
    at: D0 + HOUR + m * MIN,
    clearAfter: MIN,
    ...(i === 0 ? { ack: 60_000, dispose: 300_000 } : {}),
  })),
  ...[0, 3, 6].map((m) => ({
    sensor: 'ent:A1',
    hazard: 'ent:HZ-A',
    at: D0 + 5 * HOUR + m * MIN,
    clearAfter: MIN,
  })),
  { sensor: 'ent:A2', hazard: 'ent:HZ-A', at: D0 + 2 * HOUR, ack: 120_000 },
  {
    sensor: 'ent:A3',
    hazard: 'ent:HZ-A',
    at: D0 + 30 * HOUR,
    clearAfter: 20 * MIN,
    ack: 180_000,
    dispose: 600_000,
  },
  { sensor: 'ent:B1', hazard: 'ent:HZ-B', at: D0 + 40 * HOUR, clearAfter: 5 * MIN },
  { sensor: 'ent:B1', hazard: 'ent:HZ-B', at: D0 + 41 * HOUR, clearAfter: 5 * MIN },
  // Before the period: left out.
  { sensor: 'ent:B1', hazard: 'ent:HZ-B', at: D0 - HOUR, clearAfter: 5 * MIN },
];

function hazard(id: string, enterprise: string, sensors: string[]) {
  return Hazard.parse({
    id,
    agency: 'ent',
    name: `${enterprise}储罐区`,
    enterprise,
    grade: 2,
    chemicals: [],
    location: [119.95, 31.8],
    sensors: sensors.map((s) => ({
      id: s,
      hazardId: id,
      metric: 'pressure',
      unit: 'MPa',
      thresholds: { high: 1 },
      interval: 10,
    })),
    ts: D0 - 86_400_000,
  });
}

beforeAll(async () => {
  redis = await connectRedis();
  db = await testSchema(iso);
  await migrate(db.pool, quietLog);
  const events: { at: number; event: LiveEvent }[] = [];
  SPECS.forEach((s, i) => {
    const base = {
      id: `ent:alarm-${i}`,
      agency: 'ent',
      sensorId: s.sensor,
      hazardId: s.hazard,
      level: 'H',
      peak: 'H',
      raisedAt: s.at,
    };
    const raised = Alarm.parse({ ...base, status: 'active', updatedAt: s.at });
    events.push({
      at: s.at,
      event: LiveEvent.parse({ kind: 'alarm', op: 'upsert', data: raised }),
    });
    const last = Math.max(s.at + (s.clearAfter ?? 0), s.at + (s.dispose ?? s.ack ?? 0)) + 1;
    const final = Alarm.parse({
      ...base,
      status: s.clearAfter ? 'cleared' : 'active',
      updatedAt: last,
      ...(s.clearAfter ? { clearedAt: s.at + s.clearAfter } : {}),
      ...(s.ack ? { acknowledged: { by: '值班员', at: s.at + s.ack } } : {}),
      ...(s.dispose ? { disposal: { by: '值班员', at: s.at + s.dispose, note: '已处置' } } : {}),
    });
    events.push({ at: last, event: LiveEvent.parse({ kind: 'alarm', op: 'upsert', data: final }) });
  });
  events.sort((a, b) => a.at - b.at);
  await insertEvents(
    db.pool,
    events.map(
      ({ at, event }, i) =>
        eventRow({ id: `${at}-${i}`, message: { e: JSON.stringify(event) } }).row,
    ),
  );
  const reading = (id: string, at: number) => ({
    kind: 'reading' as const,
    entityId: id,
    at,
    bucket: Math.floor(at / 10_000),
    sampled: true,
    alarm: false,
    value: 0.5,
    level: 'normal',
    alarmId: null,
    lng: null,
    lat: null,
    heading: null,
    speed: null,
  });
  await insertTelemetry(db.pool, [
    reading('ent:A1', D0 + 47 * HOUR),
    reading('ent:A2', D0 + 47 * HOUR),
    reading('ent:B1', D0 + 47 * HOUR),
    reading('ent:A3', D0 + 10 * HOUR),
  ]);
  const keys = createKeys(iso.prefix);
  const a = hazard('ent:HZ-A', '甲化工', ['ent:A1', 'ent:A2', 'ent:A3']);
  const b = hazard('ent:HZ-B', '乙化工', ['ent:B1']);
  await redis.hSet(keys.state('hazard'), { [a.id]: JSON.stringify(a), [b.id]: JSON.stringify(b) });
  server = await startTestServer(iso, { DATABASE_URL: db.url });
  const res = await api(
    server,
    `/api/v1/review/alarm-quality?from=${D0}&to=${D0 + 48 * HOUR}`,
    'viewer',
  );
  expect(res.status).toBe(200);
  q = (await res.json()) as AlarmQuality;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await db?.drop();
  await dropPrefix(redis, iso.prefix);
  await redis?.close();
});

describe('alarm quality over two days', () => {
  it('counts the alarms per hour, per day and the busiest 10 minutes against EEMUA 191', () => {
    expect(q.alarms).toBe(11);
    expect(q.perHour).toBeCloseTo(11 / 48, 10);
    expect(q.per10Min).toBeCloseTo(11 / 288, 10);
    expect(q.peak10Min).toBe(4);
    expect(q.perDayCounts).toEqual([
      { day: D0, alarms: 8 },
      { day: D0 + 24 * HOUR, alarms: 3 },
    ]);
    expect(q.benchmark).toEqual({
      manageablePerHour: 6,
      targetPer10Min: 1,
      manageable: true,
      onTarget: true,
    });
  });

  it('finds the chattering, standing and stale sensors', () => {
    const s = new Map(q.sensors.map((x) => [x.sensorId, x]));
    expect(s.get('ent:A1')).toMatchObject({
      alarms: 7,
      chatterEpisodes: 2,
      standing: 0,
      perDay: 3.5,
    });
    expect(s.get('ent:A2')).toMatchObject({ alarms: 1, chatterEpisodes: 0, standing: 1 });
    expect(s.get('ent:B1')).toMatchObject({ alarms: 2, chatterEpisodes: 0, standing: 0 });
    expect(q.staleSensors.map((x) => x.sensorId)).toEqual(['ent:A3']);
  });

  it('takes the medians to acknowledge and to dispose, per enterprise too', () => {
    expect(q.medianToAcknowledgeMs).toBe(120_000);
    expect(q.medianToDisposeMs).toBe(450_000);
    expect(q.enterprises).toEqual([
      {
        enterprise: '甲化工',
        alarms: 9,
        perDay: 4.5,
        perHour: 9 / 48,
        chatteringSensors: 1,
        standing: 1,
        medianToAcknowledgeMs: 120_000,
        medianToDisposeMs: 450_000,
      },
      {
        enterprise: '乙化工',
        alarms: 2,
        perDay: 1,
        perHour: 2 / 48,
        chatteringSensors: 0,
        standing: 0,
        medianToAcknowledgeMs: null,
        medianToDisposeMs: null,
      },
    ]);
  });

  it('ranks the worst sensors', () => {
    expect(q.worst.map((x) => x.sensorId)).toEqual(['ent:A1', 'ent:B1', 'ent:A2', 'ent:A3']);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await api(server, `/api/v1/review/alarm-quality?from=${D0}&to=${D0 - 1}`, 'viewer');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('from must be before to');
  });
});
