import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { Alarm, Hazard, Incident, LiveEvent, Order, Resource } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import { migrate } from '../../archiver/src/db';
import { eventRow } from '../../archiver/src/rows';
import { insertEvents } from '../../archiver/src/write';
import type { Isolation } from './isolation';
import { testSchema } from './postgres';
import { quietLog } from './product';

/**
 * A scripted autumn of incidents for the period review (`/review`), written to the archive the
 * way the archiver writes it (its own row and insert functions, one stream id per event at its
 * observation time).
 *
 * The period is September and October 2026 (CST). Each incident: when it was reported, its
 * category, its levels, where, its dispatches (seconds after the report: sent, acknowledged
 * after, on scene after) and whether it closed (and with how many dead). F-0 is reported just
 * before the period and closes in it: not an incident of the period, but an accident of
 * September in the plan's count.
 */
export const FROM = Date.parse('2026-09-01T00:00:00+08:00');
export const TO = Date.parse('2026-11-01T00:00:00+08:00');
const MIN = 60_000;

export interface ScriptedDispatch {
  unit: string;
  sentS: number;
  ackS?: number;
  onSceneS?: number;
}
export interface ScriptedIncident {
  id: string;
  reportedAt: number;
  category: Incident['category'];
  levels: Incident['level'][];
  location: [number, number];
  dispatches: ScriptedDispatch[];
  closedAfterMin?: number;
  dead?: number;
}

/** Wujin (武进) and Xinbei (新北): two districts of Changzhou. */
const WUJIN: [number, number] = [119.95, 31.7];
const XINBEI: [number, number] = [119.97, 31.83];

export const INCIDENTS: ScriptedIncident[] = [
  {
    id: 'fire:F-0',
    reportedAt: Date.parse('2026-08-31T23:00:00+08:00'),
    category: 'accident_disaster',
    levels: ['IV'],
    location: WUJIN,
    dispatches: [],
    closedAfterMin: 120,
    dead: 1,
  },
  {
    id: 'fire:F-1',
    reportedAt: Date.parse('2026-09-10T10:00:00+08:00'),
    category: 'accident_disaster',
    levels: ['IV', 'III'],
    location: WUJIN,
    dispatches: [
      { unit: 'fire:E-1', sentS: 60, ackS: 20, onSceneS: 300 },
      { unit: 'fire:E-2', sentS: 120, ackS: 40, onSceneS: 600 },
    ],
    closedAfterMin: 180,
    dead: 1,
  },
  {
    id: 'fire:F-2',
    reportedAt: Date.parse('2026-09-20T15:00:00+08:00'),
    category: 'natural_disaster',
    levels: ['IV'],
    location: XINBEI,
    dispatches: [{ unit: 'fire:E-3', sentS: 180, ackS: 30, onSceneS: 420 }],
  },
  {
    id: 'fire:F-3',
    reportedAt: Date.parse('2026-10-05T08:00:00+08:00'),
    category: 'accident_disaster',
    levels: ['III', 'II'],
    location: WUJIN,
    dispatches: [{ unit: 'fire:E-1', sentS: 240, ackS: 90 }],
    closedAfterMin: 240,
    dead: 2,
  },
  {
    id: 'police:P-4',
    reportedAt: Date.parse('2026-10-25T21:00:00+08:00'),
    category: 'social_safety',
    levels: ['IV'],
    location: XINBEI,
    dispatches: [],
  },
];

/** The wall configuration the review reads: the plan and the interval targets. */
export const PLAN = {
  baseYear: 2025,
  baseAccidents: 20,
  baseDeaths: 10,
  reductionPct: 30,
  lastYear: {
    accidents: [2, 1, 2, 1, 2, 3, 2, 1, 3, 2, 1, 0],
    deaths: [1, 0, 1, 0, 1, 2, 1, 0, 2, 1, 1, 0],
  },
};
export const TARGETS = { reportToDispatchS: 200, dispatchToAcknowledgeS: 120 };

/** A wall.yaml with the plan and the targets, in a directory of its own. */
export function reviewWallFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'review-wall-'));
  const file = path.join(dir, 'wall.yaml');
  writeFileSync(
    file,
    JSON.stringify({ plan: PLAN, review: { targets: TARGETS } }, null, 2), // JSON is YAML
  );
  return file;
}

function events(): { at: number; event: LiveEvent }[] {
  const out: { at: number; event: LiveEvent }[] = [];
  const add = (at: number, event: unknown) => out.push({ at, event: LiveEvent.parse(event) });
  const station: [number, number] = [119.9, 31.75];
  for (const inc of INCIDENTS) {
    const version = (at: number, level: Incident['level'], closed: boolean) =>
      add(at, {
        kind: 'incident',
        op: 'upsert',
        data: Incident.parse({
          id: inc.id,
          agency: inc.id.split(':')[0],
          ts: at,
          type: inc.category === 'natural_disaster' ? 'flood' : 'fire',
          category: inc.category,
          level,
          status: closed ? 'closed' : 'responding',
          title: `演示事件 ${inc.id}`,
          casualties: { dead: closed ? (inc.dead ?? 0) : 0, injured: 0, missing: 0, trapped: 0 },
          location: inc.location,
        }),
      });
    inc.levels.forEach((level, i) => version(inc.reportedAt + i * 5 * MIN, level, false));
    if (inc.closedAfterMin !== undefined) {
      version(inc.reportedAt + inc.closedAfterMin * MIN, inc.levels.at(-1)!, true);
    }
    for (const d of inc.dispatches) {
      const sentAt = inc.reportedAt + d.sentS * 1000;
      const order = (status: Order['status'], at: number) =>
        add(at, {
          kind: 'order',
          op: 'upsert',
          data: Order.parse({
            id: `cc:order-${inc.id}-${d.unit}`,
            agency: d.unit.split(':')[0],
            kind: 'dispatch',
            incidentId: inc.id,
            resourceId: d.unit,
            status,
            by: '指挥员甲',
            sentAt,
            updatedAt: at,
            ts: at,
          }),
        });
      const unit = (status: Resource['status'], at: number) =>
        add(at, {
          kind: 'resource',
          op: 'upsert',
          data: Resource.parse({
            id: d.unit,
            agency: d.unit.split(':')[0],
            ts: at,
            type: 'fire_engine',
            name: d.unit,
            status,
            location: status === 'on_scene' ? inc.location : station,
          }),
        });
      order('sent', sentAt);
      unit('dispatched', sentAt + 1);
      if (d.ackS !== undefined) order('acknowledged', sentAt + d.ackS * 1000);
      if (d.onSceneS !== undefined) unit('on_scene', sentAt + d.onSceneS * 1000);
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** The archive in a schema of the test's own, filled with the scenario. */
export async function archiveReviewScenario(iso: Isolation) {
  const db = await testSchema(iso);
  await migrate(db.pool, quietLog);
  let seq = 0;
  let lastMs = 0;
  const rows = events().map(({ at, event }) => {
    seq = at === lastMs ? seq + 1 : 0;
    lastMs = at;
    return eventRow({ id: `${at}-${seq}`, message: { e: JSON.stringify(event) } }).row;
  });
  await insertEvents(db.pool, rows);
  return db;
}

/**
 * Sensor alarms for the alarm-quality part: 甲化工's S-1 raises and clears three times within
 * ten minutes on 15 September (one chattering episode), acknowledged after 60, 120 and 180 s;
 * its S-2 raises on 10 October and never clears (a standing alarm).
 */
export const ENTERPRISE = '甲化工';
export const ALARM_HAZARD = 'ent:HZ-1';
const ALARMS = [
  { sensor: 'ent:S-1', at: Date.parse('2026-09-15T10:00:00+08:00'), clearS: 60, ackS: 60 },
  { sensor: 'ent:S-1', at: Date.parse('2026-09-15T10:02:00+08:00'), clearS: 60, ackS: 120 },
  { sensor: 'ent:S-1', at: Date.parse('2026-09-15T10:04:00+08:00'), clearS: 60, ackS: 180 },
  { sensor: 'ent:S-2', at: Date.parse('2026-10-10T09:00:00+08:00') },
];

export async function archiveReviewAlarms(pool: pg.Pool, redis: Redis, prefix: string) {
  const out: { at: number; event: LiveEvent }[] = [];
  ALARMS.forEach((a, i) => {
    const base = {
      id: `ent:alarm-${i}`,
      agency: 'ent',
      sensorId: a.sensor,
      hazardId: ALARM_HAZARD,
      level: 'H',
      peak: 'H',
      raisedAt: a.at,
    };
    out.push({
      at: a.at,
      event: LiveEvent.parse({
        kind: 'alarm',
        op: 'upsert',
        data: Alarm.parse({ ...base, status: 'active', updatedAt: a.at }),
      }),
    });
    if (a.clearS === undefined) return;
    const last = a.at + Math.max(a.clearS, a.ackS) * 1000 + 1;
    out.push({
      at: last,
      event: LiveEvent.parse({
        kind: 'alarm',
        op: 'upsert',
        data: Alarm.parse({
          ...base,
          status: 'cleared',
          updatedAt: last,
          clearedAt: a.at + a.clearS * 1000,
          acknowledged: { by: '值班员', at: a.at + a.ackS * 1000 },
        }),
      }),
    });
  });
  out.sort((a, b) => a.at - b.at);
  await insertEvents(
    pool,
    out.map(
      ({ at, event }, i) =>
        eventRow({ id: `${at}-${100 + i}`, message: { e: JSON.stringify(event) } }).row,
    ),
  );
  const hazard = Hazard.parse({
    id: ALARM_HAZARD,
    agency: 'ent',
    name: `${ENTERPRISE}储罐区`,
    enterprise: ENTERPRISE,
    grade: 2,
    chemicals: [],
    location: [119.95, 31.8],
    sensors: ['ent:S-1', 'ent:S-2'].map((id) => ({
      id,
      hazardId: ALARM_HAZARD,
      metric: 'pressure',
      unit: 'MPa',
      thresholds: { high: 1 },
      interval: 10,
    })),
    ts: FROM - 86_400_000,
  });
  await redis.hSet(createKeys(prefix).state('hazard'), hazard.id, JSON.stringify(hazard));
}
