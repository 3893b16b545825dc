import {
  Hazard,
  Place,
  RiskArea,
  Warning,
  areaColour,
  areaContains,
  sameColour,
  type LngLat,
  type Reading,
  type RiskLevel,
} from '@cc/shared';
import { commitBatch, type CommitUnit } from '@cc/shared/node';
import type { FeedContext } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';
import {
  RISK_REFRESH_MS,
  assessHazard,
  assessmentChange,
  peopleAround,
  type Surroundings,
} from './assess';
import { createParseMemo } from '../feeds/stored';

export interface RiskAssessorOptions {
  /** A hazard is regraded at most this often (a tank level moving every 100 ms costs one). */
  debounceMs?: number;
  /**
   * Every hazard and risk area is regraded this often whatever changed: warnings, places and
   * overdue hidden hazards come to it this way.
   */
  fullPassMs?: number;
  tickMs?: number;
  /** A drifting R of an unchanged grade is rewritten at most this often (`RISK_REFRESH_MS`). */
  refreshMs?: number;
}

const parseJson = <T>(schema: { parse: (v: unknown) => T }, json: string) =>
  schema.parse(JSON.parse(json));

/**
 * Ingest's risk assessor: regrades hazards under GB 18218-2018 from their tanks' live levels and
 * recolours them (and the risk areas around them) on the four-colour map. Readings and
 * registrations `touch` the hazards they move; each is regraded within a tick but at most once
 * per `debounceMs`, and everything is regraded every `fullPassMs`. A result is written (hazard
 * state and an event) only when it changed materially. Each write is guarded by the hazard's
 * assessment version (`keys.riskGuard`: workers assessing at once never write over each other)
 * and checked against the hazard's registration version (a new registration wins; it is
 * regraded next).
 */
export function startRiskAssessor(ctx: FeedContext, options: RiskAssessorOptions = {}) {
  const { redis, keys, log } = ctx;
  const debounceMs = options.debounceMs ?? 1_000;
  const fullPassMs = options.fullPassMs ?? 5_000;
  const tickMs = options.tickMs ?? 200;
  const refreshMs = options.refreshMs ?? RISK_REFRESH_MS;
  // Hazards are read again every pass; their text changes only with a registration or a write.
  const hazardMemo = createParseMemo(Hazard, 20_000);
  /** Each hazard as last read or written, with the versions it was at. */
  const seen = new Map<string, { obs: string; guard: string | null; hazard: Hazard }>();
  const dirty = new Set<string>();
  const lastRun = new Map<string, number>();
  /** Every hazard's enterprise, place and colour as last assessed: what areas are coloured by. */
  const colours = new Map<string, { name: string; location: LngLat; colour: RiskLevel }>();
  let lastFull = -Infinity;
  let areasDue = false;
  let around: { at: number; value: Surroundings; version: number; raw: string } | undefined;
  let places: { at: number; list: Place[]; raw: string; version: number } = {
    at: -Infinity,
    list: [],
    raw: '',
    version: 0,
  };
  /** Bumped whenever what surrounds the hazards (warnings in force, overdue, places) changes. */
  let surroundingsVersion = 0;
  /** α's head count per hazard, for the places version and the location it was counted at. */
  const counted = new Map<
    string,
    { places: number; location: LngLat; value: ReturnType<typeof peopleAround> }
  >();
  /**
   * What each hazard was last assessed on (its record, its sensors' levels, the surroundings)
   * when that assessment left nothing to write later (no drift waiting for its refresh): the
   * same inputs again are skipped without assessing.
   */
  const settled = new Map<string, { hazard: Hazard; inputs: string; around: number }>();

  /** Warnings and overdue hidden hazards at most `debounceMs` old; places `fullPassMs`. */
  async function surroundings(now: number): Promise<Surroundings> {
    if (around && now - around.at < debounceMs) return around.value;
    const placesDue = now - places.at >= fullPassMs;
    const multi = redis
      .multi()
      .hVals(keys.state('warning'))
      .sMembers(keys.hiddenHazardsOverdueMajor);
    if (placesDue) multi.hVals(keys.state('place'));
    const [warningJson = [], overdue = [], placeJson] = (await multi.exec()) as unknown as (
      string[] | undefined
    )[];
    if (placesDue && placeJson) {
      const raw = placeJson.join('\n');
      // Unchanged places keep their parse, their version and every hazard's head count.
      places =
        raw === places.raw
          ? { ...places, at: now }
          : {
              at: now,
              list: placeJson.flatMap((j) => tryParse(Place, j)),
              raw,
              version: places.version + 1,
            };
    }
    // The warnings in force now (onset and expiry are judged on the clock) are part of the text:
    // a warning coming into force or running out changes the surroundings like a new one.
    const warnings =
      around && warningJson.join('\n') === around.raw.slice(0, around.raw.indexOf('\u0000'))
        ? around.value.warnings
        : warningJson.flatMap((j) => tryParse(Warning, j));
    const inForce = warnings
      .filter((w) => (w.onset ?? 0) <= now && w.expires > now)
      .map((w) => w.id)
      .join(',');
    const raw = `${warningJson.join('\n')}\u0000${inForce}\u0000${[...overdue].sort().join(',')}\u0000${places.version}`;
    if (around && raw === around.raw) {
      around = { ...around, at: now };
      return around.value;
    }
    const value: Surroundings = { places: places.list, warnings, overdue: new Set(overdue) };
    around = { at: now, value, version: ++surroundingsVersion, raw };
    return value;
  }

  /** α's head count, counted again only when the places or the hazard's location moved. */
  function peopleOf(hazard: Hazard, env: Surroundings) {
    const memo = counted.get(hazard.id);
    if (
      memo &&
      memo.places === places.version &&
      memo.location[0] === hazard.location[0] &&
      memo.location[1] === hazard.location[1]
    ) {
      return memo.value;
    }
    const value = peopleAround(hazard, env.places);
    counted.set(hazard.id, { places: places.version, location: hazard.location, value });
    return value;
  }

  /** What a hazard's assessment reads of its sensors: tank levels and alarm levels. */
  function inputsOf(hazard: Hazard, readings: ReadonlyMap<string, Reading>): string {
    let text = '';
    for (const t of hazard.tanks ?? []) text += `${readings.get(t.levelSensor)?.value},`;
    for (const s of hazard.sensors) {
      const r = readings.get(s.id);
      text += r?.level === 'HH' || r?.level === 'LL' ? `${r.level}${r.value};` : ';';
    }
    return text;
  }

  function tryParse<T>(schema: { parse: (v: unknown) => T }, json: string): T[] {
    try {
      return [parseJson(schema, json)];
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'risk assessor: stored state does not parse');
      return [];
    }
  }

  /**
   * Regrades `ids`. `cached`: the hazards were touched by this worker's own readings, whose
   * latest values its sensor cache holds (ctx.stored): levels are taken from there and only the
   * sensors it does not hold are read from Redis. A full pass reads them all from Redis.
   */
  async function regrade(ids: string[], now: number, cached = false): Promise<void> {
    // The versions first: a hazard whose registration and assessment versions are the ones it
    // was last seen at is the one in memory (both writers move a version with every write),
    // so only the others are read back.
    const [obs = [], guards = []] = (await redis
      .multi()
      .hmGet(keys.obs('hazard'), ids)
      .hmGet(keys.riskGuard, ids)
      .exec()) as unknown as (string | null)[][];
    const stale = ids.filter((id, i) => {
      const known = seen.get(id);
      return !known || known.obs !== obs[i] || known.guard !== (guards[i] ?? null);
    });
    const fresh = stale.length > 0 ? await redis.hmGet(keys.state('hazard'), stale) : [];
    const readBack = new Map(stale.map((id, k) => [id, fresh[k] ?? null]));
    const hazards: { hazard: Hazard; guard: string | null }[] = [];
    ids.forEach((id, i) => {
      const guard = guards[i] ?? null;
      if (!readBack.has(id)) {
        hazards.push({ hazard: seen.get(id)!.hazard, guard });
        return;
      }
      const json = readBack.get(id);
      if (!json || !obs[i]) {
        colours.delete(id);
        lastRun.delete(id);
        seen.delete(id);
        counted.delete(id);
        settled.delete(id);
        return;
      }
      try {
        const hazard = hazardMemo.parse(json);
        seen.set(id, { obs: obs[i]!, guard, hazard });
        hazards.push({ hazard, guard });
      } catch (err) {
        log.warn(
          { err: (err as Error).message, id },
          'risk assessor: stored hazard does not parse',
        );
      }
    });
    if (hazards.length === 0) return;
    const readings = new Map<string, Reading>();
    const bases = cached ? ctx.stored?.bases : undefined;
    const sensorIds: string[] = [];
    for (const { hazard } of hazards) {
      for (const s of hazard.sensors) {
        const prev = bases?.get(s.id)?.live.prev;
        if (prev) readings.set(s.id, prev);
        else sensorIds.push(s.id);
      }
    }
    const readingJson =
      sensorIds.length > 0 ? await redis.hmGet(keys.state('reading'), sensorIds) : [];
    sensorIds.forEach((id, i) => {
      const json = readingJson[i];
      // Ingest's own writes, new every pass: parsed, not validated (a memo would never hit).
      if (json) readings.set(id, JSON.parse(json) as Reading);
    });
    const env = await surroundings(now);
    const aroundVersion = around?.version ?? 0;
    const units: CommitUnit[] = [];
    const written: string[] = [];
    const pending: { hazard: Hazard; version: number; inputs: string }[] = [];
    for (const { hazard, guard } of hazards) {
      const inputs = inputsOf(hazard, readings);
      const last = settled.get(hazard.id);
      // Nothing it is assessed on moved since an assessment that left nothing to write.
      if (last && last.hazard === hazard && last.inputs === inputs && last.around === aroundVersion)
        continue;
      settled.delete(hazard.id);
      const { assessment, riskColour } = assessHazard(
        hazard,
        readings,
        env,
        now,
        peopleOf(hazard, env),
      );
      const before = colours.get(hazard.id);
      if (
        before?.colour !== riskColour.colour ||
        before.location[0] !== hazard.location[0] ||
        before.location[1] !== hazard.location[1]
      ) {
        areasDue = true;
      }
      colours.set(hazard.id, {
        name: hazard.enterprise,
        location: hazard.location,
        colour: riskColour.colour,
      });
      const change = assessmentChange(hazard.assessment, assessment);
      const recoloured = !sameColour(hazard.riskColour, riskColour);
      const refresh = change === 'drift' && now - (hazard.assessment?.at ?? -Infinity) >= refreshMs;
      if (change !== 'news' && !recoloured && !refresh) {
        // A drift not yet due for its refresh is written later even if nothing moves again.
        if (change === 'none') settled.set(hazard.id, { hazard, inputs, around: aroundVersion });
        continue;
      }
      if (
        hazard.assessment?.grade !== assessment.grade ||
        hazard.riskColour?.colour !== riskColour.colour
      ) {
        log.info(
          {
            hazard: hazard.id,
            R: assessment.R,
            grade: assessment.grade,
            registered: hazard.grade,
            colour: riskColour.colour,
            reasons: riskColour.reasons.map((r) => r.code),
          },
          'hazard regraded',
        );
      }
      const next: Hazard = { ...hazard, assessment, riskColour };
      const stored = guard === null ? null : Number(guard);
      const version = Math.max(now, (stored ?? 0) + 1);
      pending.push({ hazard: next, version, inputs });
      units.push({
        guard: {
          obsKey: keys.riskGuard,
          id: hazard.id,
          ts: version,
          expected: stored,
        },
        checks: [{ key: keys.obs('hazard'), field: hazard.id, value: String(hazard.ts) }],
        ops: [
          putJson(keys.state('hazard'), hazard.id, next),
          appendEvent(ctx, { kind: 'hazard', op: 'upsert', data: next }),
        ],
      });
      written.push(hazard.id);
    }
    if (units.length === 0) return;
    const results = await commitBatch(redis, units);
    results.forEach((r, i) => {
      if (r.status === 'ok') {
        const w = pending[i]!;
        seen.set(w.hazard.id, {
          obs: String(w.hazard.ts),
          guard: String(w.version),
          hazard: w.hazard,
        });
        // Written as assessed: the same inputs again have nothing to add.
        settled.set(w.hazard.id, { hazard: w.hazard, inputs: w.inputs, around: aroundVersion });
        return;
      }
      // Someone wrote first (another worker, a new registration): read again, next tick.
      const id = written[i]!;
      dirty.add(id);
      lastRun.delete(id);
    });
  }

  /** Each risk area's colour: its level raised to the worst enterprise inside it. */
  async function recolourAreas(now: number): Promise<void> {
    const areaJson = await redis.hGetAll(keys.state('riskarea'));
    const areas = Object.values(areaJson).flatMap((j) => tryParse(RiskArea, j));
    if (areas.length === 0) return;
    const guards = await redis.hmGet(
      keys.riskGuard,
      areas.map((a) => `area:${a.id}`),
    );
    const units: CommitUnit[] = [];
    areas.forEach((area, i) => {
      const inside = [...colours.values()].filter((c) => areaContains(area.geometry, c.location));
      const riskColour = areaColour(area.level, inside, now);
      if (sameColour(area.riskColour, riskColour)) return;
      const next: RiskArea = { ...area, riskColour };
      const stored = guards[i] ? Number(guards[i]) : null;
      units.push({
        guard: {
          obsKey: keys.riskGuard,
          id: `area:${area.id}`,
          ts: Math.max(now, (stored ?? 0) + 1),
          expected: stored,
        },
        checks: [{ key: keys.obs('riskarea'), field: area.id, value: String(area.ts) }],
        ops: [
          putJson(keys.state('riskarea'), area.id, next),
          appendEvent(ctx, { kind: 'riskarea', op: 'upsert', data: next }),
        ],
      });
    });
    if (units.length === 0) return;
    const results = await commitBatch(redis, units);
    // A lost race leaves the areas due: the next tick colours them again.
    if (results.some((r) => r.status !== 'ok')) areasDue = true;
  }

  /** One tick: the hazards due (all of them on a full pass), then the areas if any colour moved. */
  async function tick(): Promise<void> {
    const now = ctx.now();
    let ids: string[];
    const full = now - lastFull >= fullPassMs;
    if (full) {
      lastFull = now;
      dirty.clear();
      ids = await redis.hKeys(keys.state('hazard'));
      areasDue = true;
    } else {
      ids = [];
      for (const id of dirty) {
        if (now - (lastRun.get(id) ?? -Infinity) < debounceMs) continue;
        ids.push(id);
        dirty.delete(id);
      }
    }
    for (const id of ids) lastRun.set(id, now);
    if (ids.length > 0) await regrade(ids, now, !full);
    if (areasDue) {
      areasDue = false;
      await recolourAreas(now);
    }
  }

  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;
  let closed = false;
  const schedule = () => {
    if (!closed) timer = setTimeout(run, tickMs);
  };
  const run = () => {
    inFlight = tick().then(schedule, (err: unknown) => {
      log.warn({ err: (err as Error).message }, 'risk assessment failed; retrying');
      // Everything again: what failed is not known.
      lastFull = -Infinity;
      schedule();
    });
  };
  schedule();

  let closing: Promise<void> | undefined;
  return {
    /** The hazard's tanks, alarms or registration changed: regrade it soon. */
    touch(hazardId: string) {
      dirty.add(hazardId);
    },
    /** Stops; waits for a tick in flight. Idempotent. */
    close(): Promise<void> {
      closing ??= (async () => {
        closed = true;
        clearTimeout(timer);
        await inFlight;
      })();
      return closing;
    },
  };
}
export type RiskAssessor = ReturnType<typeof startRiskAssessor>;
