import { Alarm, Hazard, Incident, LiveEvent, Order, Place, Resource, Warning } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import { migrate } from '../../archiver/src/db';
import { eventRow } from '../../archiver/src/rows';
import { insertEvents, insertTelemetry } from '../../archiver/src/write';
import type { Isolation } from './isolation';
import { testSchema } from './postgres';
import { quietLog } from './product';

/**
 * A scripted incident with known times, written to the archive the way the archiver writes it
 * (its own row and insert functions, one stream id per event at its observation time), and the
 * hazard and places around it in the live picture.
 *
 * T0 reported (level IV) → +90 s unit A dispatched, +120 s B, +150 s C; acknowledged after 25,
 * 40, 70 s; en route after 40, 60, 100 s; on scene after 480, 600, 900 s; level III at +300 s;
 * two injured at +400 s; closed at +3600 s.
 */
export const T0 = Date.parse('2026-11-28T14:00:00+08:00');
export const AGENCY = 'fire';
export const INCIDENT_ID = `${AGENCY}:F-REPORT-1`;
export const TITLE = '武进区化工仓库火灾';
export const LOCATION: [number, number] = [119.95, 31.7];
export const UNITS = [
  { id: 'fire:E-1', name: '湖塘中队一号车', dispatch: 90, ack: 25, enRoute: 40, onScene: 480 },
  { id: 'fire:E-2', name: '湖塘中队二号车', dispatch: 120, ack: 40, enRoute: 60, onScene: 600 },
  { id: 'fire:H-1', name: '危化品处置车', dispatch: 150, ack: 70, enRoute: 100, onScene: 900 },
] as const;
export const HAZARD_ID = 'ent:HZ-1';
export const DISPATCH_NOTE = '先期处置，注意下风向';
export const DISPOSAL_NOTE = '已通知企业停止进料';

const s = (seconds: number) => T0 + seconds * 1000;

function incident(at: number, changes: Partial<Incident> = {}): Incident {
  return Incident.parse({
    id: INCIDENT_ID,
    agency: AGENCY,
    ts: at,
    type: 'fire',
    category: 'accident_disaster',
    level: 'IV',
    status: 'reported',
    title: TITLE,
    address: '武进区湖塘镇工业园 8 号',
    casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
    location: LOCATION,
    ...changes,
  });
}

function unit(
  u: (typeof UNITS)[number],
  at: number,
  status: Resource['status'],
  location: [number, number],
) {
  return Resource.parse({
    id: u.id,
    agency: AGENCY,
    ts: at,
    type: u.id.includes('H-') ? 'hazmat_unit' : 'fire_engine',
    name: u.name,
    status,
    location,
    members: 6,
    ...(u.id.includes('H-') ? { inventory: [{ item: '堵漏器材', quantity: 4, unit: '套' }] } : {}),
  });
}

function order(u: (typeof UNITS)[number], status: Order['status'], at: number, note?: string) {
  const sentAt = s(u.dispatch);
  return Order.parse({
    id: `cc:order-${u.id}`,
    agency: AGENCY,
    kind: 'dispatch',
    incidentId: INCIDENT_ID,
    resourceId: u.id,
    status,
    by: '指挥员甲',
    sentAt,
    updatedAt: at,
    ts: at,
    ...(note ? { note } : {}),
    ...(status === 'acknowledged' ? { reply: '收到，出动' } : {}),
  });
}

/** The scenario's events, in stream order. */
export function scenarioEvents(): { at: number; event: LiveEvent }[] {
  const events: { at: number; event: LiveEvent }[] = [];
  const add = (at: number, event: unknown) => events.push({ at, event: LiveEvent.parse(event) });
  const station: [number, number] = [119.9, 31.72];
  for (const u of UNITS)
    add(s(-600), { kind: 'resource', op: 'upsert', data: unit(u, s(-600), 'available', station) });
  add(s(-3600), {
    kind: 'warning',
    op: 'upsert',
    data: Warning.parse({
      id: 'cma:W-1',
      agency: 'cma',
      ts: s(-3600),
      identifier: 'W-1',
      msgType: 'alert',
      event: '大风',
      signal: 'orange',
      severity: 'severe',
      urgency: 'expected',
      certainty: 'likely',
      headline: '常州市气象台发布大风橙色预警',
      onset: s(-3600),
      expires: s(3 * 3600),
      areas: [
        {
          description: '武进区',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [119.8, 31.6],
                [120.1, 31.6],
                [120.1, 31.8],
                [119.8, 31.8],
                [119.8, 31.6],
              ],
            ],
          },
        },
      ],
    }),
  });
  const alarm = (at: number, changes: Partial<Alarm>) =>
    add(at, {
      kind: 'alarm',
      op: 'upsert',
      data: Alarm.parse({
        id: 'ent:alarm-1',
        agency: 'ent',
        sensorId: 'ent:HZ-1-PT1',
        hazardId: HAZARD_ID,
        status: 'active',
        level: 'H',
        peak: 'H',
        raisedAt: s(-120),
        updatedAt: at,
        ...changes,
      }),
    });
  alarm(s(-120), {});
  add(s(0), { kind: 'incident', op: 'upsert', data: incident(s(0)) });
  for (const u of UNITS) {
    const sent = s(u.dispatch);
    add(sent, {
      kind: 'order',
      op: 'upsert',
      data: order(u, 'sent', sent, u === UNITS[0] ? DISPATCH_NOTE : undefined),
    });
    add(sent + 1, { kind: 'resource', op: 'upsert', data: unit(u, sent, 'dispatched', station) });
  }
  for (const u of UNITS) {
    const sent = s(u.dispatch);
    add(sent + u.ack * 1000, {
      kind: 'order',
      op: 'upsert',
      data: order(u, 'acknowledged', sent + u.ack * 1000),
    });
    add(sent + u.enRoute * 1000, {
      kind: 'resource',
      op: 'upsert',
      data: unit(u, sent + u.enRoute * 1000, 'en_route', station),
    });
    add(sent + u.onScene * 1000, {
      kind: 'resource',
      op: 'upsert',
      data: unit(u, sent + u.onScene * 1000, 'on_scene', [
        LOCATION[0] + 0.001,
        LOCATION[1] + 0.0005,
      ]),
    });
  }
  add(s(200), { kind: 'incident', op: 'upsert', data: incident(s(200), { status: 'responding' }) });
  add(s(300), {
    kind: 'incident',
    op: 'upsert',
    data: incident(s(300), { status: 'responding', level: 'III' }),
  });
  alarm(s(350), {
    status: 'cleared',
    level: 'H',
    clearedAt: s(350),
    disposal: { by: '指挥员乙', at: s(340), note: DISPOSAL_NOTE },
  });
  add(s(400), {
    kind: 'incident',
    op: 'upsert',
    data: incident(s(400), {
      status: 'responding',
      level: 'III',
      casualties: { dead: 0, injured: 2, missing: 0, trapped: 0 },
    }),
  });
  add(s(3600), {
    kind: 'incident',
    op: 'upsert',
    data: incident(s(3600), {
      status: 'closed',
      level: 'III',
      casualties: { dead: 0, injured: 2, missing: 0, trapped: 0 },
    }),
  });
  return events.sort((a, b) => a.at - b.at);
}

/** The archive in a schema of the test's own, filled with the scenario; the live registry in Redis. */
export async function archiveScenario(iso: Isolation, redis: Redis) {
  const db = await testSchema(iso);
  await migrate(db.pool, quietLog);
  let seq = 0;
  let lastMs = 0;
  const rows = scenarioEvents().map(({ at, event }) => {
    seq = at === lastMs ? seq + 1 : 0;
    lastMs = at;
    return eventRow({ id: `${at}-${seq}`, message: { e: JSON.stringify(event) } }).row;
  });
  await insertEvents(db.pool, rows);
  // Unit E-1's track while en route, from the downsampled telemetry.
  await insertTelemetry(db.pool, [
    {
      kind: 'position',
      entityId: UNITS[0].id,
      at: s(UNITS[0].dispatch + 300),
      bucket: Math.floor(s(UNITS[0].dispatch + 300) / 10_000),
      sampled: true,
      alarm: false,
      value: null,
      level: null,
      alarmId: null,
      lng: 119.93,
      lat: 31.71,
      heading: 90,
      speed: 40,
    },
  ]);
  const keys = createKeys(iso.prefix);
  await redis.hSet(
    keys.state('hazard'),
    HAZARD_ID,
    JSON.stringify(
      Hazard.parse({
        id: HAZARD_ID,
        agency: 'ent',
        name: '液氨储罐区',
        enterprise: '常州某化工有限公司',
        grade: 2,
        chemicals: [],
        location: [LOCATION[0] + 0.005, LOCATION[1] + 0.003],
        sensors: [],
        ts: s(-86_400),
      }),
    ),
  );
  await redis.hSet(
    keys.state('place'),
    'edu:S-1',
    JSON.stringify(
      Place.parse({
        id: 'edu:S-1',
        agency: 'edu',
        type: 'school',
        name: '湖塘实验小学',
        people: 1200,
        location: [LOCATION[0] - 0.008, LOCATION[1] + 0.004],
        ts: s(-86_400),
      }),
    ),
  );
  // Far away: not nearby.
  await redis.hSet(
    keys.state('place'),
    'edu:S-far',
    JSON.stringify(
      Place.parse({
        id: 'edu:S-far',
        agency: 'edu',
        type: 'school',
        name: '金坛远处小学',
        people: 800,
        location: [119.5, 31.75],
        ts: s(-86_400),
      }),
    ),
  );
  return db;
}
