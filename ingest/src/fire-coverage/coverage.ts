import {
  Alarm,
  COVERAGE_ID,
  Coverage,
  FIRE_RESCUE_TYPES,
  Hazard,
  Incident,
  Position,
  Resource,
  sortTargets,
  type CoverageTarget,
} from '@cc/shared';
import { commit, type CommitOp, type StateKind } from '@cc/shared/node';
import type { z } from 'zod';
// The road ETA code lives with the server's queries; coverage needs the same estimates.
import { estimateTravel, type NearestCandidate } from '../../../server/src/query/nearest';
import type { RoadNetwork } from '../../../server/src/query/roads/network';
import { haversineKm } from '../../../server/src/query/geo';
import { parseState } from '../store/read-state';
import type { FeedContext } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';

/** Agency the coverage state and its alarm are filed under: the command center's own. */
const AGENCY = 'cc';

export interface CoverageInput {
  hazards: readonly Hazard[];
  incidents: readonly Incident[];
  resources: readonly Resource[];
  positions: ReadonlyMap<string, Position>;
  roads?: RoadNetwork | undefined;
  targetMinutes: number;
}

/**
 * Units whose travel is estimated for each target: the nearest by straight line. The nearest by
 * road is among them in any town plan (a road detour of more than this many closer units is not
 * a city's), and the estimate per target no longer grows with every unit of the fleet: with
 * 500 targets and 1,300 engines the sweep computed 650,000 estimates a second and held ingest's
 * event loop for hundreds of milliseconds (docs/benchmarks.md).
 */
export const COVERAGE_CANDIDATES = 8;

/** The `k` units nearest to `to` by straight line (all of them when there are no more). */
function nearestByLine(
  to: readonly [number, number],
  units: readonly NearestCandidate[],
  k: number,
): NearestCandidate[] {
  if (units.length <= k) return [...units];
  const scored = units.map((u) => ({ u, d: haversineKm(u.location, to) }));
  scored.sort((a, b) => a.d - b.d || (a.u.resource.id < b.u.resource.id ? -1 : 1));
  return scored.slice(0, k).map((s) => s.u);
}

/** A hazard source's grade: the live GB 18218 one when worse than the registered one. */
function gradeOf(h: Hazard): number {
  const live = h.assessment?.grade;
  return live === null || live === undefined ? h.grade : Math.min(live, h.grade);
}

/**
 * The fire-rescue coverage (pure): for every grade-1/2 hazard source and every open level I–II
 * incident, the ETA of the nearest available fire engine (along the roads when a network is
 * given, else straight line at planning speed); covered when within `targetMinutes`.
 */
export function computeCoverage(input: CoverageInput): Omit<Coverage, 'ts'> {
  const fire = new Set<string>(FIRE_RESCUE_TYPES);
  const units: NearestCandidate[] = input.resources
    .filter((r) => fire.has(r.type) && r.status === 'available')
    .map((resource) => {
      const p = input.positions.get(resource.id);
      return { resource, location: p && p.ts > resource.ts ? p.location : resource.location };
    });
  const wanted: Omit<CoverageTarget, 'etaMinutes' | 'covered'>[] = [
    ...input.hazards
      .filter((h) => gradeOf(h) <= 2)
      .map((h) => ({ kind: 'hazard' as const, id: h.id, name: h.name, location: h.location })),
    ...input.incidents
      .filter((i) => i.status !== 'closed' && (i.level === 'I' || i.level === 'II'))
      .map((i) => ({ kind: 'incident' as const, id: i.id, name: i.title, location: i.location })),
  ];
  const targets = wanted.map((t): CoverageTarget => {
    const near = nearestByLine(t.location, units, COVERAGE_CANDIDATES);
    const estimates = estimateTravel(t.location, near, { roads: input.roads });
    let best: { id: string; minutes: number; eta: number; basis: 'road' | 'straight' } | undefined;
    for (const [id, e] of estimates) {
      if (e.minutes === undefined || e.etaMinutes === undefined) continue;
      if (!best || e.minutes < best.minutes || (e.minutes === best.minutes && id < best.id))
        best = { id, minutes: e.minutes, eta: e.etaMinutes, basis: e.basis };
    }
    if (!best) return { ...t, etaMinutes: null, covered: false };
    const unit = near.find((u) => u.resource.id === best.id)!.resource;
    return {
      ...t,
      etaMinutes: best.eta,
      unitId: unit.id,
      unitName: unit.name,
      basis: best.basis,
      covered: best.minutes <= input.targetMinutes,
    };
  });
  const sorted = sortTargets(targets);
  return {
    id: COVERAGE_ID,
    agency: AGENCY,
    targetMinutes: input.targetMinutes,
    targets: sorted,
    uncovered: sorted.filter((t) => !t.covered).length,
  };
}

/** The coverage alarm as the state stands: active while anything is uncovered. Pure. */
export function coverageAlarm(
  next: Pick<Coverage, 'uncovered' | 'targetMinutes'>,
  active: Alarm | undefined,
  at: number,
): Alarm | undefined {
  if (next.uncovered === 0) {
    return active
      ? { ...active, status: 'cleared', lastValue: 0, updatedAt: at, clearedAt: at }
      : undefined;
  }
  if (active) {
    return active.lastValue === next.uncovered
      ? undefined
      : { ...active, lastValue: next.uncovered, updatedAt: at };
  }
  return {
    id: COVERAGE_ID,
    cause: 'coverage',
    agency: AGENCY,
    status: 'active',
    level: 'H',
    peak: 'H',
    raisedAt: at,
    raisedValue: next.uncovered,
    lastValue: next.uncovered,
    unit: 'min',
    updatedAt: at,
  };
}

/** What is compared to tell a change: the coverage without its time. */
const same = (a: Omit<Coverage, 'ts'>, b: Omit<Coverage, 'ts'>) =>
  JSON.stringify({ ...a, ts: 0 }) === JSON.stringify({ ...b, ts: 0 });

/**
 * What the hall acts on: which targets there are, which are covered and by which unit. A change
 * in it is written at once; a change in the ETAs alone (units on the move) at most every
 * `COVERAGE_REFRESH_MS`, as a hazard's drifting R is — each write is an event to every screen,
 * and with hundreds of targets the coverage is tens of kilobytes.
 */
const verdict = (c: Omit<Coverage, 'ts'>) =>
  JSON.stringify([c.targetMinutes, c.targets.map((t) => [t.kind, t.id, t.covered, t.unitId])]);

/** How often ETA-only changes of the coverage are written (see `verdict`). */
export const COVERAGE_REFRESH_MS = 30_000;

/**
 * Reads a kind's whole state hash each pass but parses only the entries whose JSON changed since
 * the last pass (hazards are kilobytes each and mostly unchanged from one second to the next).
 */
function cachedStateReader<S extends z.ZodType>(
  ctx: Pick<FeedContext, 'log' | 'redis' | 'keys'>,
  kind: StateKind,
  schema: S,
) {
  let known = new Map<string, z.output<S>>();
  return async (): Promise<z.output<S>[]> => {
    const next = new Map<string, z.output<S>>();
    for (const json of Object.values(await ctx.redis.hGetAll(ctx.keys.state(kind)))) {
      const hit = known.get(json) ?? parseState(ctx, schema, [json])[0];
      if (hit !== undefined) next.set(json, hit);
    }
    known = next;
    return [...next.values()];
  };
}

/**
 * Creates the coverage sweep: each pass (at most one per sweep interval: the debounce) reads
 * hazards, incidents, units and positions, recomputes, and writes the coverage and its alarm only
 * when something changed. Returns true when it wrote.
 */
export function createCoverageSweep(
  ctx: FeedContext,
  options: { targetMinutes: number; roads?: RoadNetwork | undefined },
) {
  const read = {
    hazards: cachedStateReader(ctx, 'hazard', Hazard),
    incidents: cachedStateReader(ctx, 'incident', Incident),
    resources: cachedStateReader(ctx, 'resource', Resource),
    positions: cachedStateReader(ctx, 'position', Position),
  };
  return async (): Promise<boolean> => {
    const [hazards, incidents, resources, positions, prevJson, obs, alarmJson] = await Promise.all([
      read.hazards(),
      read.incidents(),
      read.resources(),
      read.positions(),
      ctx.redis.hGet(ctx.keys.state('coverage'), COVERAGE_ID),
      ctx.redis.hGet(ctx.keys.obs('coverage'), COVERAGE_ID),
      ctx.redis.hGet(ctx.keys.state('alarm'), COVERAGE_ID),
    ]);
    const next = computeCoverage({
      hazards,
      incidents,
      resources,
      positions: new Map(positions.map((p) => [p.id, p])),
      roads: options.roads,
      targetMinutes: options.targetMinutes,
    });
    // No fire-rescue unit in the picture at all (the fire brigade's feed not connected): there is
    // nothing to measure coverage by, and an alarm would only say so.
    const fire = new Set<string>(FIRE_RESCUE_TYPES);
    if (!prevJson && !resources.some((r) => fire.has(r.type))) return false;
    const prev = prevJson ? Coverage.safeParse(JSON.parse(prevJson)) : undefined;
    if (prev?.success && same(prev.data, next)) return false;
    if (
      prev?.success &&
      verdict(prev.data) === verdict(next) &&
      ctx.now() - prev.data.ts < COVERAGE_REFRESH_MS
    )
      return false;
    if (!prev?.success && next.targets.length === 0) return false;
    const expected = obs === null ? null : Number(obs);
    const at = Math.max(ctx.now(), (expected ?? 0) + 1);
    const data: Coverage = { ...next, ts: at };
    const parsedAlarm = alarmJson ? Alarm.safeParse(JSON.parse(alarmJson)) : undefined;
    const active =
      parsedAlarm?.success && parsedAlarm.data.status === 'active' ? parsedAlarm.data : undefined;
    const alarm = coverageAlarm(data, active, at);
    const ops: CommitOp[] = [
      putJson(ctx.keys.state('coverage'), COVERAGE_ID, data),
      appendEvent(ctx, { kind: 'coverage', op: 'upsert', data }),
    ];
    if (alarm) {
      ops.push(
        alarm.status === 'active'
          ? putJson(ctx.keys.state('alarm'), alarm.id, alarm)
          : { op: 'hdel', key: ctx.keys.state('alarm'), field: alarm.id },
        { op: 'hset', key: ctx.keys.obs('alarm'), field: alarm.id, value: String(at) },
        appendEvent(ctx, { kind: 'alarm', op: 'upsert', data: alarm }),
      );
    }
    // Two workers may both sweep: the compare-and-set lets one write each change.
    const result = await commit(
      ctx.redis,
      { obsKey: ctx.keys.obs('coverage'), id: COVERAGE_ID, ts: at, expected },
      ops,
    );
    return result.status === 'ok';
  };
}
