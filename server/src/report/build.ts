import type pg from 'pg';
import {
  areaContains,
  distanceM,
  incidentLevelRank,
  type Alarm,
  type DutyEntry,
  type Hazard,
  type Incident,
  type IncidentLevel,
  type Order,
  type Place,
  type Resource,
  type Warning,
} from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';
import { drawMap } from './map';
import type {
  Casualty,
  IncidentReport,
  MapFeature,
  NearbyHazard,
  Percentiles,
  ReportMap,
  ReportNote,
  ReportWarning,
  TimelineEntry,
  UnitResponse,
} from './model';

/** Hazards and sensitive places within this distance of the incident are listed. */
export const NEARBY_M = 3_000;
/** Alarms linked to the incident are looked for from this long before its first report. */
const ALARM_LOOKBACK_MS = 6 * 3_600_000;
/** Warnings issued up to this long before the incident may still be in force during it. */
const WARNING_LOOKBACK_MS = 7 * 86_400_000;
const MAX_PLACES = 20;

type Row = { stream_ms: string; stream_seq: string; kind: string; entity_id: string; body: Body };
type Body = { kind?: string; op?: string; data?: unknown; entityId?: string };

/** Thrown when the incident is neither in the archive nor in the live picture. */
export class UnknownIncident extends Error {}

/**
 * The nearest-rank percentile (the smallest value with at least p % of the values at or below
 * it) of the values that exist; null for none.
 */
export function percentiles(values: readonly (number | null)[]): Percentiles {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  const rank = (p: number) => v[Math.max(0, Math.ceil((p / 100) * v.length) - 1)] ?? null;
  return { n: v.length, p50: rank(50), p90: rank(90) };
}

const iso = (ms: number) => new Date(ms).toISOString();

function parse<T>(json: string | undefined | null): T | undefined {
  if (!json) return undefined;
  try {
    return JSON.parse(json) as T;
  } catch {
    return undefined;
  }
}

async function liveState<T>(redis: Redis, keys: Keys, kind: string): Promise<T[]> {
  const all = await redis.hGetAll(keys.state(kind as Parameters<Keys['state']>[0]));
  return Object.values(all).flatMap((j) => {
    const v = parse<T>(j);
    return v ? [v] : [];
  });
}

/** Versions of upserts (data) in archive order; a removal ends the list. */
function upserts<T>(rows: readonly Row[]): T[] {
  const out: T[] = [];
  for (const r of rows) {
    if (r.body.op === 'remove') break;
    if (r.body.op === 'upsert' && r.body.data) out.push(r.body.data as T);
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

export interface ReportSources {
  pool: pg.Pool | undefined;
  redis: Redis;
  keys: Keys;
  now?: number;
}

/** Builds the report of one incident from the archive, with the live picture where needed. */
export async function buildIncidentReport(
  src: ReportSources,
  incidentId: string,
): Promise<IncidentReport> {
  const { pool, redis, keys } = src;
  const now = src.now ?? Date.now();
  const query = async (sql: string, params: unknown[]): Promise<Row[]> =>
    pool ? (await pool.query<Row>(sql, params)).rows : [];

  // The incident's own versions: the entity index.
  const incidentRows = await query(
    `SELECT stream_ms, stream_seq, kind, entity_id, body FROM events
     WHERE kind = 'incident' AND entity_id = $1 ORDER BY stream_ms, stream_seq`,
    [incidentId],
  );
  let versions = upserts<Incident>(incidentRows);
  let source: IncidentReport['source'] = 'archive';
  if (versions.length === 0) {
    const live = parse<Incident>(await redis.hGet(keys.state('incident'), incidentId));
    if (!live) throw new UnknownIncident(incidentId);
    versions = [live];
    source = 'live';
  }
  const first = versions[0]!;
  const last = versions[versions.length - 1]!;
  const reportedAt = first.ts;
  const closed = versions.find((v) => v.status === 'closed');
  const closedAt = closed ? closed.ts : null;
  const end = closedAt ?? now;

  // Everything else in the incident's time span: the time index.
  const spanRows = await query(
    `SELECT stream_ms, stream_seq, kind, entity_id, body FROM events
     WHERE at >= $1 AND at <= $2 AND kind = ANY($3) ORDER BY stream_ms, stream_seq`,
    [iso(reportedAt - ALARM_LOOKBACK_MS), iso(end + 60_000), ['order', 'alarm', 'duty']],
  );
  const byKind = groupBy(spanRows, (r) => r.kind);
  const orderVersions = upserts<Order>(byKind.get('order') ?? []);
  const alarmVersions = upserts<Alarm>(byKind.get('alarm') ?? []);
  const dutyEntries = upserts<DutyEntry>(byKind.get('duty') ?? []);

  // Dispatch orders for this incident, each with its versions.
  const ordersById = groupBy(orderVersions, (o) => o.id);
  const dispatches = [...ordersById.values()]
    .filter((v) => v[0]!.kind === 'dispatch' && v[0]!.incidentId === incidentId)
    .sort((a, b) => a[0]!.sentAt - b[0]!.sentAt);
  const unitIds = [...new Set(dispatches.map((v) => v[0]!.resourceId))];
  const recalls = [...ordersById.values()].filter(
    (v) => v[0]!.kind === 'recall' && unitIds.includes(v[0]!.resourceId),
  );

  // The units' own history (entity index), and the live picture for any never archived.
  const resourceRows =
    unitIds.length === 0
      ? []
      : await query(
          `SELECT stream_ms, stream_seq, kind, entity_id, body FROM events
           WHERE kind = 'resource' AND entity_id = ANY($1) AND at >= $2 AND at <= $3
           ORDER BY stream_ms, stream_seq`,
          [unitIds, iso(reportedAt - WARNING_LOOKBACK_MS), iso(end + 60_000)],
        );
  const resourceHistory = groupBy(upserts<Resource>(resourceRows), (r) => r.id);
  const liveResources = new Map(
    (await liveState<Resource>(redis, keys, 'resource')).map((r) => [r.id, r]),
  );
  const unitInfo = (id: string): Resource | undefined => {
    const h = resourceHistory.get(id);
    return h?.[h.length - 1] ?? liveResources.get(id);
  };

  // Per-unit response: each dispatch order and the unit's status after it.
  const orderTimes = (resourceId: string) =>
    [...dispatches, ...recalls]
      .filter((v) => v[0]!.resourceId === resourceId)
      .map((v) => v[0]!.sentAt)
      .sort((a, b) => a - b);
  const unitResponses: UnitResponse[] = dispatches.map((vs) => {
    const o = vs[0]!;
    const next = orderTimes(o.resourceId).find((t) => t > o.sentAt) ?? Infinity;
    const after = (resourceHistory.get(o.resourceId) ?? []).filter(
      (r) => r.ts >= o.sentAt && r.ts < next,
    );
    const ack = vs.find((v) => v.status === 'acknowledged' || v.status === 'done');
    const refused = vs.find((v) => v.status === 'refused');
    const enRoute = after.find((r) => r.status === 'en_route');
    const onScene = after.find((r) => r.status === 'on_scene');
    const info = unitInfo(o.resourceId);
    const diff = (t: number | undefined) => (t === undefined ? null : t - o.sentAt);
    return {
      resourceId: o.resourceId,
      name: info?.name ?? o.resourceId,
      type: info?.type ?? '',
      agency: o.agency,
      orderId: o.id,
      dispatchedAt: o.sentAt,
      acknowledgedAt: ack?.updatedAt ?? null,
      refusedAt: refused?.updatedAt ?? null,
      enRouteAt: enRoute?.ts ?? null,
      onSceneAt: onScene?.ts ?? null,
      toAcknowledge: diff(ack?.updatedAt),
      toEnRoute: diff(enRoute?.ts),
      toOnScene: diff(onScene?.ts),
    };
  });
  const firstDispatchAt = unitResponses[0]?.dispatchedAt ?? null;

  // Alarms linked to the incident (a report's overdue alarm, an alarm it was made from).
  const alarmsById = groupBy(alarmVersions, (a) => a.id);
  const latestAlarm = (vs: Alarm[]) => vs[vs.length - 1]!;
  const linked = [...alarmsById.values()]
    .map(latestAlarm)
    .filter((a) => a.incidentId === incidentId);
  const firstAlarmAt = linked.length ? Math.min(...linked.map((a) => a.raisedAt)) : null;
  const startOfIncident = Math.min(reportedAt, firstAlarmAt ?? Infinity);

  // Timeline.
  const timeline: TimelineEntry[] = [];
  for (const a of linked) {
    timeline.push({ at: a.raisedAt, kind: 'alarm', by: a.cause, text: a.sensorId ?? a.id });
  }
  timeline.push({
    at: reportedAt,
    kind: 'reported',
    agency: first.agency,
    ...(first.reportedBy ? { by: first.reportedBy } : {}),
  });
  for (let i = 1; i < versions.length; i++) {
    const [p, v] = [versions[i - 1]!, versions[i]!];
    if (v.level !== p.level) timeline.push({ at: v.ts, kind: 'level', from: p.level, to: v.level });
    if (v.status !== p.status) {
      timeline.push(
        v.status === 'closed'
          ? { at: v.ts, kind: 'closed', from: p.status, to: v.status }
          : { at: v.ts, kind: 'status', from: p.status, to: v.status },
      );
    }
  }
  for (const u of unitResponses) {
    const o = ordersById.get(u.orderId)![0]!;
    timeline.push({
      at: u.dispatchedAt,
      kind: 'dispatch',
      unit: u.name,
      agency: u.agency,
      by: o.by,
    });
    const reply = (status: string) =>
      ordersById.get(u.orderId)!.find((v) => v.status === status)?.reply;
    if (u.acknowledgedAt !== null) {
      const text = reply('acknowledged');
      timeline.push({
        at: u.acknowledgedAt,
        kind: 'acknowledged',
        unit: u.name,
        agency: u.agency,
        ...(text ? { text } : {}),
      });
    }
    if (u.refusedAt !== null) {
      const text = reply('refused');
      timeline.push({
        at: u.refusedAt,
        kind: 'refused',
        unit: u.name,
        agency: u.agency,
        ...(text ? { text } : {}),
      });
    }
    if (u.enRouteAt !== null) timeline.push({ at: u.enRouteAt, kind: 'en_route', unit: u.name });
    if (u.onSceneAt !== null) timeline.push({ at: u.onSceneAt, kind: 'on_scene', unit: u.name });
  }
  for (const vs of recalls) {
    const o = vs[0]!;
    if (o.sentAt < startOfIncident || o.sentAt > end) continue;
    timeline.push({
      at: o.sentAt,
      kind: 'recall',
      unit: unitInfo(o.resourceId)?.name ?? o.resourceId,
      by: o.by,
    });
  }
  timeline.sort((a, b) => a.at - b.at);

  // Units and the materials they carried (a depot's inventory).
  const units = unitIds.map((id) => {
    const r = unitInfo(id);
    return {
      id,
      name: r?.name ?? id,
      type: r?.type ?? '',
      agency: r?.agency ?? dispatches.find((d) => d[0]!.resourceId === id)![0]!.agency,
      members: r?.members ?? null,
    };
  });
  const materials = unitIds.flatMap((id) =>
    (unitInfo(id)?.inventory ?? []).map((l) => ({
      resourceId: id,
      item: l.item,
      quantity: l.quantity,
      unit: l.unit,
    })),
  );

  // Casualties: each change.
  const casualties: Casualty[] = [];
  for (const v of versions) {
    const c = v.casualties;
    const prev = casualties[casualties.length - 1];
    if (
      !prev ||
      prev.dead !== c.dead ||
      prev.injured !== c.injured ||
      prev.missing !== c.missing ||
      prev.trapped !== c.trapped
    ) {
      casualties.push({ at: v.ts, ...c });
    }
  }

  // Warnings in force at some time during the incident.
  const warningRows = await query(
    `SELECT stream_ms, stream_seq, kind, entity_id, body FROM events
     WHERE at >= $1 AND at <= $2 AND kind = 'warning' ORDER BY stream_ms, stream_seq`,
    [iso(startOfIncident - WARNING_LOOKBACK_MS), iso(end)],
  );
  const warningVersions = new Map<string, Warning>();
  for (const r of warningRows) {
    if (r.body.op === 'upsert' && r.body.data) {
      const w = r.body.data as Warning;
      warningVersions.set(w.id, w);
    } else if (r.body.op === 'remove' && Number(r.stream_ms) < startOfIncident) {
      warningVersions.delete(r.entity_id);
    }
  }
  if (closedAt === null) {
    for (const w of await liveState<Warning>(redis, keys, 'warning')) warningVersions.set(w.id, w);
  }
  const location = last.location;
  const warnings: ReportWarning[] = [...warningVersions.values()]
    .filter(
      (w) => w.msgType !== 'cancel' && (w.onset ?? w.ts) <= end && w.expires >= startOfIncident,
    )
    .map((w) => ({
      id: w.id,
      headline: w.headline,
      event: w.event,
      signal: w.signal,
      severity: w.severity,
      onset: w.onset ?? null,
      expires: w.expires,
      coversIncident: w.areas.some((a) => areaContains(a.geometry, location)),
    }))
    .sort((a, b) => Number(b.coversIncident) - Number(a.coversIncident));

  // Hazards and sensitive places nearby (the live picture holds the registry), with the alarms
  // of those hazards during the incident.
  const liveHazards = await liveState<Hazard>(redis, keys, 'hazard');
  const hazardPoints = new Map(liveHazards.map((h) => [h.id, h.location]));
  const hazards: NearbyHazard[] = liveHazards
    .map((h) => ({ h, d: distanceM(location, h.location) }))
    .filter(({ d }) => d <= NEARBY_M)
    .sort((a, b) => a.d - b.d)
    .map(({ h, d }) => ({
      id: h.id,
      name: h.name,
      enterprise: h.enterprise,
      distanceM: Math.round(d),
      alarms: [...alarmsById.values()]
        .map(latestAlarm)
        .filter(
          (a) =>
            a.hazardId === h.id &&
            a.raisedAt <= end &&
            (a.clearedAt ?? Infinity) >= startOfIncident,
        )
        .sort((a, b) => a.raisedAt - b.raisedAt)
        .map((a) => ({
          id: a.id,
          sensorId: a.sensorId ?? null,
          level: a.level,
          peak: a.peak,
          raisedAt: a.raisedAt,
          clearedAt: a.clearedAt ?? null,
        })),
    }));
  const placeList = (await liveState<Place>(redis, keys, 'place'))
    .map((p) => ({ p, d: distanceM(location, p.location) }))
    .filter(({ d }) => d <= NEARBY_M)
    .sort((a, b) => a.d - b.d)
    .slice(0, MAX_PLACES);
  const places = placeList.map(({ p, d }) => ({
    id: p.id,
    name: p.name,
    type: p.type,
    distanceM: Math.round(d),
  }));

  // Commanders' notes.
  const notes: ReportNote[] = [];
  for (const vs of [...dispatches, ...recalls]) {
    const o = vs[0]!;
    if (o.note) notes.push({ at: o.sentAt, by: o.by, on: o.kind, text: o.note });
  }
  const hazardIds = new Set(hazards.map((h) => h.id));
  for (const vs of alarmsById.values()) {
    const a = latestAlarm(vs);
    if (a.incidentId !== incidentId && !(a.hazardId && hazardIds.has(a.hazardId))) continue;
    if (a.acknowledged?.note) {
      notes.push({
        at: a.acknowledged.at,
        by: a.acknowledged.by,
        on: 'alarm_ack',
        text: a.acknowledged.note,
      });
    }
    if (a.disposal) {
      notes.push({
        at: a.disposal.at,
        by: a.disposal.by,
        on: 'alarm_dispose',
        text: a.disposal.note,
      });
    }
  }
  const localId = incidentId.slice(incidentId.indexOf(':') + 1);
  for (const d of dutyEntries) {
    if (d.kind === 'handover' || d.at < startOfIncident || d.at > end) continue;
    if (d.text.includes(last.title) || d.text.includes(localId)) {
      notes.push({ at: d.at, by: d.by, on: 'duty', text: d.text });
    }
  }
  const acks = new Map<string, NonNullable<Incident['acknowledged']>>();
  for (const v of versions) if (v.acknowledged) acks.set(`${v.acknowledged.at}`, v.acknowledged);
  for (const a of acks.values()) {
    notes.push({ at: a.at, by: a.by, on: 'incident_ack', text: a.level });
  }
  notes.sort((a, b) => a.at - b.at);

  // Two pictures: at the first dispatch, and at the peak (most units on scene at once; with
  // none on scene, when the incident first reached its highest level).
  const peakLevel = versions.reduce<IncidentLevel>(
    (best, v) => (incidentLevelRank(v.level) < incidentLevelRank(best) ? v.level : best),
    first.level,
  );
  const statusAt = (id: string, t: number): Resource | undefined => {
    const h = (resourceHistory.get(id) ?? []).filter((r) => r.ts <= t);
    return h[h.length - 1];
  };
  let peakAt = versions.find((v) => v.level === peakLevel)!.ts;
  let most = 0;
  for (const u of unitResponses) {
    if (u.onSceneAt === null) continue;
    const count = unitIds.filter((id) => statusAt(id, u.onSceneAt!)?.status === 'on_scene').length;
    if (count > most) [most, peakAt] = [count, u.onSceneAt];
  }
  const positionsAt = async (t: number): Promise<Map<string, [number, number]>> => {
    const out = new Map<string, [number, number]>();
    for (const id of unitIds) {
      const r = statusAt(id, t);
      if (r) out.set(id, r.location);
    }
    if (pool && unitIds.length > 0) {
      const { rows } = await pool.query<{ entity_id: string; lng: number; lat: number; at: Date }>(
        `SELECT DISTINCT ON (entity_id) entity_id, lng, lat, at FROM telemetry
         WHERE kind = 'position' AND entity_id = ANY($1) AND at <= $2 AND at >= $3
         ORDER BY entity_id, at DESC`,
        [unitIds, iso(t), iso(t - 3_600_000)],
      );
      for (const p of rows) {
        const r = statusAt(p.entity_id, t);
        if (!r || p.at.getTime() >= r.ts) out.set(p.entity_id, [p.lng, p.lat]);
      }
    }
    return out;
  };
  const mapAt = async (t: number, moment: ReportMap['moment']): Promise<ReportMap> => {
    const positions = await positionsAt(t);
    const features: MapFeature[] = [
      { kind: 'incident', id: incidentId, name: last.title, lngLat: location },
      ...unitIds.flatMap((id): MapFeature[] => {
        const p = positions.get(id);
        const status = statusAt(id, t)?.status;
        return p
          ? [
              {
                kind: 'unit',
                id,
                name: unitInfo(id)?.name ?? id,
                lngLat: p,
                ...(status ? { status } : {}),
              },
            ]
          : [];
      }),
      ...hazards.map((h): MapFeature => ({
        kind: 'hazard',
        id: h.id,
        name: h.name,
        lngLat: hazardPoints.get(h.id) ?? location,
      })),
      ...placeList.map(({ p }): MapFeature => ({
        kind: 'place',
        id: p.id,
        name: p.name,
        lngLat: p.location,
      })),
    ];
    return { at: t, moment, features, svg: drawMap(features, t) };
  };
  const maps: ReportMap[] = [];
  if (firstDispatchAt !== null) maps.push(await mapAt(firstDispatchAt, 'first_dispatch'));
  maps.push(await mapAt(peakAt, 'peak'));

  return {
    generatedAt: now,
    source,
    incident: {
      id: incidentId,
      title: last.title,
      type: last.type,
      category: last.category,
      level: last.level,
      peakLevel,
      status: last.status,
      agency: last.agency,
      address: last.address ?? null,
      description: last.description ?? null,
      location,
      reportedBy: first.reportedBy ?? null,
    },
    firstAlarmAt,
    reportedAt,
    firstDispatchAt,
    closedAt,
    timeline,
    intervals: {
      reportToFirstDispatch: firstDispatchAt === null ? null : firstDispatchAt - startOfIncident,
      units: unitResponses,
      toAcknowledge: percentiles(unitResponses.map((u) => u.toAcknowledge)),
      toEnRoute: percentiles(unitResponses.map((u) => u.toEnRoute)),
      toOnScene: percentiles(unitResponses.map((u) => u.toOnScene)),
    },
    units,
    materials,
    casualties,
    warnings,
    hazards,
    places,
    notes,
    maps,
  };
}
