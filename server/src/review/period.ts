import type pg from 'pg';
import {
  cstDate,
  cstYearStart,
  districtAt,
  IncidentCategory,
  IncidentLevel,
  isCountedAccident,
  type Incident,
  type IntervalFigure,
  type MonthlySeries,
  type Order,
  type PeriodReview,
  type PlanTargets,
  type Resource,
  type ReviewTargets,
} from '@cc/shared';
import { percentiles } from '../report/build';

/** Orders and unit movements are looked for this long after the period's end. */
const FOLLOW_UP_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

type Row = { entity_id: string; body: { op?: string; data?: unknown } };

/** The review's queries on the archive (each on the time index `events_at` or the entity index). */
export const REVIEW_SQL = {
  /** Incidents with a version archived in [$1, $2). */
  touchedIncidents: `SELECT DISTINCT entity_id FROM events
     WHERE kind = 'incident' AND at >= $1 AND at < $2 AND entity_id IS NOT NULL`,
  /** All versions of the incidents $1. */
  incidentVersions: `SELECT entity_id, body FROM events WHERE kind = 'incident' AND entity_id = ANY($1)
     ORDER BY kind, entity_id, at, stream_seq`,
  /** Events of kind $1 archived in [$2, $3). */
  kindInRange: `SELECT entity_id, body FROM events WHERE kind = $1 AND at >= $2 AND at < $3
     ORDER BY stream_ms, stream_seq`,
  /** Versions of the units $1 archived in [$2, $3). */
  unitVersions: `SELECT entity_id, body FROM events
     WHERE kind = 'resource' AND entity_id = ANY($1) AND at >= $2 AND at < $3
     ORDER BY stream_ms, stream_seq`,
};

const iso = (ms: number) => new Date(ms).toISOString();

/** 00:00 CST on the first day of the month `at` falls in (CST). */
export function cstMonthStart(at: number): number {
  const { year, month } = cstDate(at);
  return Date.UTC(year, month, 1) - CST_OFFSET_MS;
}

/** The month starts (CST) from the one `from` falls in to the one just before `to`. */
export function monthsOf(from: number, to: number): number[] {
  const out: number[] = [];
  for (let m = cstMonthStart(from); m < to;) {
    out.push(m);
    const { year, month } = cstDate(m);
    m = Date.UTC(year, month + 1, 1) - CST_OFFSET_MS;
  }
  return out;
}

/** Each entity's upserted versions in archive order (a removal ends nothing here: kept as is). */
function versionsById<T>(rows: readonly Row[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    if (r.body.op !== 'upsert' || !r.body.data) continue;
    const list = m.get(r.entity_id);
    if (list) list.push(r.body.data as T);
    else m.set(r.entity_id, [r.body.data as T]);
  }
  return m;
}

function figure(values: readonly number[], targetS: number): IntervalFigure {
  const p = percentiles(values);
  const targetMs = targetS * 1000;
  return { ...p, targetMs, onTarget: p.p90 === null ? null : p.p90 <= targetMs };
}

/**
 * The period evaluation from the archive: incidents first reported in [from, to) per month by
 * level (the highest reached), category and district; the response intervals of their
 * dispatches as in the incident report (report → first dispatch per incident; dispatch →
 * acknowledgement and dispatch → on scene per dispatch order); and, with `plan`, the plan's
 * KPIs per month of the year `to` falls in. Every query uses the events table's time or entity
 * index.
 */
export async function periodReview(
  pool: pg.Pool,
  options: {
    from: number;
    to: number;
    targets: ReviewTargets;
    plan: PlanTargets | undefined;
    now: number;
  },
): Promise<PeriodReview> {
  const { from, to, targets, plan, now } = options;
  const months = monthsOf(from, to);
  const monthIndex = (at: number) => months.indexOf(cstMonthStart(at));

  // Incidents with a version archived in the period (time index), then all their versions
  // (entity index): one first reported before the period and updated in it is not counted.
  const touched = await pool.query<{ entity_id: string }>(REVIEW_SQL.touchedIncidents, [
    iso(from),
    iso(to),
  ]);
  const ids = touched.rows.map((r) => r.entity_id);
  const incidentRows =
    ids.length === 0 ? [] : (await pool.query<Row>(REVIEW_SQL.incidentVersions, [ids])).rows;
  const incidents = [...versionsById<Incident>(incidentRows).values()].filter(
    (vs) => vs[0]!.ts >= from && vs[0]!.ts < to,
  );

  const levels = new Map<string, number[]>();
  const categories = new Map<string, number[]>();
  const districts = new Map<string, { name?: string; counts: number[] }>();
  const bump = (counts: number[], i: number) => (counts[i] = (counts[i] ?? 0) + 1);
  const zeros = () => months.map(() => 0);
  for (const vs of incidents) {
    const first = vs[0]!;
    const last = vs[vs.length - 1]!;
    const i = monthIndex(first.ts);
    if (i < 0) continue;
    const highest = vs.reduce(
      (h, v) =>
        IncidentLevel.options.indexOf(v.level) < IncidentLevel.options.indexOf(h) ? v.level : h,
      first.level,
    );
    bump(levels.get(highest) ?? levels.set(highest, zeros()).get(highest)!, i);
    bump(
      categories.get(last.category) ?? categories.set(last.category, zeros()).get(last.category)!,
      i,
    );
    const d = districtAt(first.location);
    const key = d?.code ?? 'unknown';
    let entry = districts.get(key);
    if (!entry) {
      entry = { ...(d ? { name: d.name } : {}), counts: zeros() };
      districts.set(key, entry);
    }
    bump(entry.counts, i);
  }
  const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
  const byLevel = IncidentLevel.options
    .filter((l) => levels.has(l))
    .map((key) => ({ key, counts: levels.get(key)!, total: total(levels.get(key)!) }));
  const byCategory: MonthlySeries[] = IncidentCategory.options
    .filter((c) => categories.has(c))
    .map((key) => ({ key, counts: categories.get(key)!, total: total(categories.get(key)!) }));
  const byDistrict: MonthlySeries[] = [...districts.entries()]
    .map(([key, e]) => ({ key, ...e, total: total(e.counts) }))
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));

  // Dispatch orders of those incidents (time index), and the units' movements after them
  // (entity index).
  const reportedAt = new Map(incidents.map((vs) => [vs[0]!.id, vs[0]!.ts]));
  const orderRows = (
    await pool.query<Row>(REVIEW_SQL.kindInRange, ['order', iso(from), iso(to + FOLLOW_UP_MS)])
  ).rows;
  const orders = [...versionsById<Order>(orderRows).values()];
  const dispatches = orders.filter(
    (vs) => vs[0]!.kind === 'dispatch' && reportedAt.has(vs[0]!.incidentId ?? ''),
  );
  const unitIds = [...new Set(dispatches.map((vs) => vs[0]!.resourceId))];
  const resourceRows =
    unitIds.length === 0
      ? []
      : (
          await pool.query<Row>(REVIEW_SQL.unitVersions, [
            unitIds,
            iso(from),
            iso(to + 2 * FOLLOW_UP_MS),
          ])
        ).rows;
  const unitHistory = versionsById<Resource>(resourceRows);
  const orderTimes = new Map<string, number[]>();
  for (const vs of orders) {
    if (vs[0]!.kind !== 'dispatch' && vs[0]!.kind !== 'recall') continue;
    const list = orderTimes.get(vs[0]!.resourceId) ?? [];
    list.push(vs[0]!.sentAt);
    orderTimes.set(vs[0]!.resourceId, list);
  }
  const firstDispatch = new Map<string, number>();
  const toAck: number[] = [];
  const toOnScene: number[] = [];
  for (const vs of dispatches) {
    const o = vs[0]!;
    const incidentId = o.incidentId!;
    firstDispatch.set(incidentId, Math.min(firstDispatch.get(incidentId) ?? Infinity, o.sentAt));
    const ack = vs.find((v) => v.status === 'acknowledged' || v.status === 'done');
    if (ack) toAck.push(ack.updatedAt - o.sentAt);
    const next = (orderTimes.get(o.resourceId) ?? []).filter((t) => t > o.sentAt);
    const until = next.length ? Math.min(...next) : Infinity;
    const onScene = (unitHistory.get(o.resourceId) ?? []).find(
      (r) => r.ts >= o.sentAt && r.ts < until && r.status === 'on_scene',
    );
    if (onScene) toOnScene.push(onScene.ts - o.sentAt);
  }
  const toDispatch = [...firstDispatch.entries()].map(([id, t]) => t - reportedAt.get(id)!);

  return {
    from,
    to,
    months,
    incidents: incidents.length,
    byLevel,
    byCategory,
    byDistrict,
    intervals: {
      reportToDispatch: figure(toDispatch, targets.reportToDispatchS),
      dispatchToAcknowledge: figure(toAck, targets.dispatchToAcknowledgeS),
      dispatchToOnScene: figure(toOnScene, targets.dispatchToOnSceneS),
    },
    plan: plan ? await planMonths(pool, plan, cstDate(to - 1).year, now) : null,
  };
}

/**
 * The plan's KPIs per month of `year`: closed accident-disaster incidents and their deaths, in
 * the month of their closing version (as the wall's plan panel counts them), beside last year's
 * same month and the annual ceiling spread over the twelve months.
 */
async function planMonths(pool: pg.Pool, plan: PlanTargets, year: number, now: number) {
  const start = cstYearStart(year);
  const end = cstYearStart(year + 1);
  const rows = (
    await pool.query<Row>(REVIEW_SQL.kindInRange, ['incident', iso(start), iso(end + FOLLOW_UP_MS)])
  ).rows;
  const accidents = Array<number>(12).fill(0);
  const deaths = Array<number>(12).fill(0);
  for (const vs of versionsById<Incident>(rows).values()) {
    const last = vs[vs.length - 1]!;
    if (!isCountedAccident(last) || last.ts < start || last.ts >= end) continue;
    const m = cstDate(last.ts).month;
    accidents[m]! += 1;
    deaths[m]! += last.casualties.dead;
  }
  const annualTargetAccidents = Math.floor(plan.baseAccidents * (1 - plan.reductionPct / 100));
  const annualTargetDeaths = Math.floor(plan.baseDeaths * (1 - plan.reductionPct / 100));
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return {
    year,
    reductionPct: plan.reductionPct,
    annualTargetAccidents,
    annualTargetDeaths,
    months: accidents.map((a, m) => {
      const month = Date.UTC(year, m, 1) - CST_OFFSET_MS;
      const begun = month <= now;
      return {
        month,
        accidents: begun ? a : null,
        deaths: begun ? deaths[m]! : null,
        lastYearAccidents: plan.lastYear.accidents[m]!,
        lastYearDeaths: plan.lastYear.deaths[m]!,
        targetAccidents: round1(annualTargetAccidents / 12),
        targetDeaths: round1(annualTargetDeaths / 12),
      };
    }),
  };
}
