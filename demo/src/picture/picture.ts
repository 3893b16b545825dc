import { circleToPolygon, type LngLat, type OrderNotice } from '@cc/shared';
import { CHANGZHOU_SCENARIO } from '../scenario/index';
import {
  EVERYDAY_INCIDENTS,
  PLACES,
  SERIOUS_INCIDENTS,
  type IncidentTemplate,
} from '../scenario/incident-templates';
import { ACTIVE_INCIDENTS, CLOSED_ACCIDENTS, INITIAL_DEPLOYMENTS } from '../scenario/incidents';
import { PUBLIC_AGENCIES } from '../scenario/public-agencies';
import { DEMO_RESOURCES } from '../scenario/resources';
import { DEMO_PLACES, type PlaceDef } from '../scenario/places';
import { DEMO_SHELTERS, type ShelterDef } from '../scenario/shelters';
import { DEMO_RISK_AREAS } from '../scenario/risk-areas';
import { DEMO_WARNINGS } from '../scenario/warnings';
import { createRng, type Rng } from '../simulator/prng';
import { CST_OFFSET_MINUTES } from '../simulator/timestamp';
import { createAgenda } from './agenda';
import { createClock } from './clock';
import { createFleet } from './fleet';
import { incidentMessage, newIncident, nextStatus, type IncidentState } from './incidents';
import type { IncidentDef, Outgoing } from './types';
import { createWeather } from './weather';
import { createStations } from './stations';

const MINUTE = 60_000;

export interface PictureOptions {
  seed: number;
  utcOffsetMinutes?: number;
  /** Mean time between new everyday incidents (level IV/III); 0 = none. */
  everydayEveryMs?: number;
  /** Mean time between serious incidents (level II/I); 0 = none. */
  seriousEveryMs?: number;
  /** Delay before the first serious incident, so a fresh demo shows one soon. */
  firstSeriousAfterMs?: number;
  /** How often a moving vehicle reports its position. */
  positionEveryMs?: number;
  /** Travel times divided by this (1 = real speeds). */
  speedFactor?: number;
}

export const DEFAULT_PICTURE: Required<Omit<PictureOptions, 'seed' | 'utcOffsetMinutes'>> = {
  everydayEveryMs: 4 * MINUTE,
  seriousEveryMs: 15 * MINUTE,
  firstSeriousAfterMs: 3 * MINUTE,
  positionEveryMs: 3_000,
  speedFactor: 1,
};

/**
 * The live picture the city's departments publish in the demo: incidents that come, progress
 * and close, the resources that answer them (and the command center's orders), the weather
 * bureau's warnings and the four-colour risk map. Pure: values follow from the seed and the
 * clock it is given; what it publishes is returned, never sent.
 */
export function createPicture(options: PictureOptions) {
  const rng: Rng = createRng((options.seed ^ 0x5bd1e995) >>> 0);
  const clock = createClock(options.utcOffsetMinutes ?? CST_OFFSET_MINUTES);
  const settings = { ...DEFAULT_PICTURE, ...definedOnly(options) };
  const agenda = createAgenda();
  let out: Outgoing[] = [];
  const emit = (o: Outgoing) => void out.push(o);
  const incidents = new Map<string, IncidentState>();
  const fleet = createFleet(DEMO_RESOURCES, {
    rng,
    agenda,
    clock,
    emit,
    locate: (key) => incidents.get(key)?.def.at,
    positionEveryMs: settings.positionEveryMs,
    speedFactor: settings.speedFactor,
  });
  const weather = createWeather(DEMO_WARNINGS, { agenda, clock, emit });
  const stations = createStations({ agenda, clock, emit });
  const riskAreas: Outgoing[] = [];
  const places: Outgoing[] = [];
  let started: number | undefined;
  let generated = 0;

  function publishIncident(inc: IncidentState, nowMs: number): void {
    emit(incidentMessage(inc, nowMs, clock));
  }

  /** Moves an incident one step along its lifecycle, with what the agencies do at that step. */
  function advance(inc: IncidentState, nowMs: number): void {
    const next = nextStatus(inc.status);
    if (!next) return;
    inc.status = next;
    publishIncident(inc, nowMs);
    if (next === 'responding') fleet.dispatchNearest(inc.needs, inc.key, inc.def.at, nowMs + 1);
    if (next === 'controlled') fleet.release(inc.key, nowMs);
    // Generated incidents close and are forgotten; the opening ones stay on the map.
    if (next === 'closed') incidents.delete(inc.key);
  }

  /** Plans an incident's next steps: each after a delay drawn from `gaps` (minutes). */
  function plan(
    inc: IncidentState,
    fromMs: number,
    gaps: Partial<Record<string, [number, number]>>,
  ) {
    const step = (t: number) => {
      const gap = gaps[inc.status];
      if (!gap || !incidents.has(inc.key)) return;
      agenda.at(t + Math.round(rng.uniform(gap[0], gap[1]) * MINUTE), (at) => {
        if (!incidents.has(inc.key)) return;
        advance(inc, at);
        step(at);
      });
    };
    step(fromMs);
  }

  function pickLevel(t: IncidentTemplate): IncidentDef['level'] {
    const total = t.levels.reduce((s, [, w]) => s + w, 0);
    let r = rng.uniform(0, total);
    for (const [level, w] of t.levels) {
      if ((r -= w) < 0) return level;
    }
    return t.levels[0]![0];
  }

  function jitter(p: LngLat, deg: number): LngLat {
    return [round6(p[0] + rng.uniform(-deg, deg)), round6(p[1] + rng.uniform(-deg, deg))];
  }

  /** A new incident from a template, reported now. */
  function generate(templates: readonly IncidentTemplate[], serious: boolean, nowMs: number): void {
    const t = rng.pick(templates);
    generated += 1;
    let at: LngLat;
    let title: string;
    let address: string;
    if (t.atHazardSite) {
      const site = rng.pick(CHANGZHOU_SCENARIO);
      at = site.hazard.location.coordinates;
      title = t.title(`${site.hazard.enterprise}${site.hazard.name}`);
      address = site.hazard.address ?? site.hazard.enterprise;
    } else {
      const place = rng.pick(PLACES);
      at = jitter(place.at, 0.006);
      title = t.title(place.name);
      address = `常州市${place.name}`;
    }
    const [lo, hi] = t.injured;
    const injured = Math.floor(rng.uniform(lo, hi + 1));
    const def: IncidentDef = {
      agency: t.agency,
      id: `SJ${clock.stamp(started ?? nowMs)}-${String(generated).padStart(3, '0')}`,
      type: t.type,
      category: t.category,
      level: pickLevel(t),
      status: 'reported',
      title,
      description: t.description,
      address,
      casualties: { injured },
      at,
      ...(t.perimeterKm === undefined ? {} : { area: circleToPolygon(at, t.perimeterKm, 32) }),
    };
    const inc = newIncident(def, { needs: t.needs, generated: true, serious });
    incidents.set(inc.key, inc);
    publishIncident(inc, nowMs);
    plan(
      inc,
      nowMs,
      serious
        ? { reported: [0.5, 1], verified: [0.5, 1], responding: [15, 25], controlled: [6, 10] }
        : { reported: [1, 2], verified: [0.75, 1.5], responding: [8, 15], controlled: [4, 8] },
    );
  }

  function everyday(nowMs: number): void {
    generate(EVERYDAY_INCIDENTS, false, nowMs);
    agenda.at(nowMs + gap(settings.everydayEveryMs), everyday);
  }

  function seriousOne(nowMs: number): void {
    // One serious incident at a time: the wall focuses on it, the next one waits.
    const busy = [...incidents.values()].some((i) => i.serious && i.status !== 'closed');
    if (!busy) generate(SERIOUS_INCIDENTS, true, nowMs);
    agenda.at(nowMs + gap(settings.seriousEveryMs), seriousOne);
  }

  /** A gap of about `mean` (±40 %). */
  function gap(mean: number): number {
    return Math.round(mean * rng.uniform(0.6, 1.4));
  }

  function open(nowMs: number): void {
    started = nowMs;
    const yearStart = clock.yearStart(nowMs);
    for (const def of CLOSED_ACCIDENTS) {
      const inc = newIncident(def);
      incidents.set(inc.key, inc);
      publishIncident(inc, Math.round(yearStart + def.yearShare * (nowMs - yearStart)));
    }
    for (const def of ACTIVE_INCIDENTS) {
      const inc = newIncident(def);
      incidents.set(inc.key, inc);
      publishIncident(inc, nowMs);
    }
    for (const d of INITIAL_DEPLOYMENTS) {
      const inc = incidents.get(d.incident);
      if (!inc) throw new Error(`deployment to unknown incident ${d.incident}`);
      fleet.deploy(d.resource, d.incident, inc.def.at, d.status, nowMs);
    }
    fleet.openAll(nowMs);
    // The opening incidents move on slowly and stay on the map once controlled.
    for (const def of ACTIVE_INCIDENTS) {
      const inc = incidents.get(`${def.agency}:${def.id}`)!;
      const slow: [number, number] = def.level === 'II' ? [45, 90] : [20, 45];
      plan(inc, nowMs, { reported: slow, verified: slow, responding: slow });
    }
    weather.start(nowMs);
    stations.start(nowMs);
    for (const a of DEMO_RISK_AREAS) {
      riskAreas.push({
        agency: 'cz-emergency',
        kind: 'riskarea',
        body: {
          id: a.id,
          ts: clock.ts(nowMs),
          crs: 'WGS84',
          level: a.level,
          name: a.name,
          ...(a.subject === undefined ? {} : { subject: a.subject }),
          assessedOn: a.assessedOn,
          geometry: a.geometry,
        },
      });
    }
    for (const p of DEMO_PLACES) places.push(placeMessage(p, clock.ts(nowMs)));
    for (const s of DEMO_SHELTERS) places.push(shelterMessage(s, clock.ts(nowMs)));
    if (settings.everydayEveryMs > 0) agenda.at(nowMs + gap(settings.everydayEveryMs), everyday);
    if (settings.seriousEveryMs > 0) agenda.at(nowMs + settings.firstSeriousAfterMs, seriousOne);
  }

  function drain(): Outgoing[] {
    const done = out;
    out = [];
    return done;
  }

  return {
    /** The agencies that publish the picture (accounts of demo/agencies.demo.yaml). */
    agencies: PUBLIC_AGENCIES.map((a) => a.id),
    /** Opens the demo at `nowMs`; what it publishes comes with the first `snapshot` of each agency. */
    start(nowMs: number): void {
      if (started !== undefined) return;
      open(nowMs);
      drain();
    },
    /** Advances the world to `nowMs`; returns what the agencies publish meanwhile, in order. */
    tick(nowMs: number): Outgoing[] {
      if (started === undefined) return [];
      agenda.runDue(nowMs);
      fleet.move(nowMs);
      return drain();
    },
    /** An order the command center sent to `agency` (parsed `OrderNotice`). */
    receiveOrder(agency: string, notice: OrderNotice, nowMs: number): void {
      fleet.receiveOrder(agency, notice, nowMs);
    },
    /**
     * Everything `agency` publishes again when it (re)connects: its incidents, resources,
     * warnings, risk areas and sensitive places as last published (duplicates for ingest).
     */
    snapshot(agency: string): Outgoing[] {
      const mine: Outgoing[] = [];
      for (const inc of incidents.values()) {
        if (inc.def.agency === agency && inc.last) {
          mine.push({ agency, kind: 'incident', body: inc.last });
        }
      }
      mine.push(...fleet.snapshot(agency));
      mine.push(...weather.snapshot(agency));
      mine.push(...stations.snapshot(agency));
      mine.push(...riskAreas.filter((r) => r.agency === agency));
      mine.push(...places.filter((p) => p.agency === agency));
      return mine;
    },
    /** For tests and logs. */
    incident: (key: string) => incidents.get(key),
    fleet,
  };
}
export type Picture = ReturnType<typeof createPicture>;

/** The emergency-management bureau's message about one sensitive place. */
function placeMessage(p: PlaceDef, ts: string): Outgoing {
  const { at, ...fields } = p;
  return {
    agency: 'cz-emergency',
    kind: 'place',
    body: { ...fields, ts, crs: 'WGS84', location: { type: 'Point', coordinates: at } },
  };
}

/** The bureau's register entry of one emergency shelter (the `shelter` kind). */
function shelterMessage(s: ShelterDef, ts: string): Outgoing {
  const { at, ...fields } = s;
  return {
    agency: 'cz-emergency',
    kind: 'shelter',
    body: { ...fields, ts, crs: 'WGS84', location: { type: 'Point', coordinates: at } },
  };
}

function definedOnly(o: PictureOptions): Partial<typeof DEFAULT_PICTURE> {
  return Object.fromEntries(
    Object.entries(o).filter(([k, v]) => v !== undefined && k in DEFAULT_PICTURE),
  ) as Partial<typeof DEFAULT_PICTURE>;
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
