import {
  DEFAULT_WIND_FROM,
  Hazard,
  Incident,
  Place,
  ProtectiveZone,
  Station,
  dayOrNight,
  distanceKm,
  ergRow,
  tihByCas,
  zonePart,
  zoneShape,
  type ErgRow,
  type LngLat,
  type ZoneMember,
} from '@cc/shared';
import { commit, type CommitOp } from '@cc/shared/node';
import { readState } from '../store/read-state';
import type { FeedContext } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';

/** Incident types a toxic release comes with. */
export const RELEASE_TYPES: ReadonlySet<string> = new Set(['hazmat_leak', 'fire', 'explosion']);
/** An incident this close to a hazard source is taken to be at it, metres. */
export const AT_SITE_M = 500;
/** A wind change alone moves a zone at most this often (the bound). */
export const WIND_EVERY_MS = 30_000;
/** A station's wind older than this is not used (the default is, and says so). */
export const WIND_MAX_AGE_MS = 3 * 3_600_000;

const km = distanceKm;

/** The hazard source an incident is at that holds a TIH chemical with stored ERG figures. */
export function releaseSource(
  incident: Pick<Incident, 'type' | 'status' | 'location'>,
  hazards: readonly Hazard[],
): { hazard: Hazard; row: ErgRow } | undefined {
  if (incident.status === 'closed' || !RELEASE_TYPES.has(incident.type)) return undefined;
  let best: { hazard: Hazard; row: ErgRow; d: number } | undefined;
  for (const hazard of hazards) {
    const d = km(incident.location, hazard.location) * 1000;
    if (d > AT_SITE_M || (best && best.d <= d)) continue;
    // Of the site's chemicals with figures, the one protecting farthest by night, large spill.
    const rows = hazard.chemicals.flatMap((c) => {
      const tih = tihByCas(c.cas);
      const row = tih ? ergRow(tih.un) : undefined;
      return row ? [row] : [];
    });
    const row = rows.sort((a, b) => b.large.protectNightKm - a.large.protectNightKm)[0];
    if (row) best = { hazard, row, d };
  }
  return best && { hazard: best.hazard, row: best.row };
}

/** The wind at a place: the nearest station reporting one recently, or the default. */
export function windAt(
  at: LngLat,
  stations: readonly Station[],
  now: number,
): ProtectiveZone['wind'] {
  let best: { s: Station; d: number } | undefined;
  for (const s of stations) {
    if (!s.wind || now - s.ts > WIND_MAX_AGE_MS) continue;
    const d = km(at, s.location);
    if (!best || d < best.d) best = { s, d };
  }
  if (!best?.s.wind) return { direction: DEFAULT_WIND_FROM, default: true };
  return {
    direction: Math.round(best.s.wind.direction) % 360,
    speed: best.s.wind.speed,
    stationId: best.s.id,
    stationName: best.s.name,
    at: best.s.ts,
    default: false,
  };
}

/** The zone of an incident at a source, as it should be now (`ts` is left to the writer). */
export function computeZone(
  incident: Incident,
  source: { hazard: Hazard; row: ErgRow },
  wind: ProtectiveZone['wind'],
  override: ProtectiveZone['override'],
  places: readonly Place[],
  hazards: readonly Hazard[],
  now: number,
): Omit<ProtectiveZone, 'ts'> {
  const at = incident.location;
  const spill = override?.spill ?? 'large';
  const time = override?.time ?? dayOrNight(at, now);
  const shape = zoneShape(source.row, at, spill, time, wind.direction);
  const members = (
    [
      ...places.map((p) => ({ kind: 'place' as const, e: p, people: p.people })),
      ...hazards
        .filter((h) => h.id !== source.hazard.id)
        .map((h) => ({ kind: 'hazard' as const, e: h, people: undefined })),
    ] as const
  ).flatMap(({ kind, e, people }): ZoneMember[] => {
    const part = zonePart(shape, at, e.location);
    if (!part) return [];
    const m: ZoneMember = {
      kind,
      id: e.id,
      name: e.name,
      part,
      distanceM: Math.round(km(at, e.location) * 1000),
    };
    return [people === undefined ? m : { ...m, people }];
  });
  members.sort((a, b) => a.distanceM - b.distanceM || a.id.localeCompare(b.id));
  return {
    id: incident.id,
    agency: incident.agency,
    incidentId: incident.id,
    hazardId: source.hazard.id,
    chemical: { un: source.row.un, name: source.row.name },
    spill,
    time,
    ...(override ? { override } : {}),
    wind,
    isolationM: shape.isolationM,
    protectKm: shape.protectKm,
    downwind: shape.downwind,
    isolation: shape.isolation,
    sector: shape.sector,
    inside: members,
    people: members.reduce((sum, m) => sum + (m.people ?? 0), 0),
    erg: { edition: source.row.edition, source: source.row.source },
  };
}

/** What makes a zone differ for its readers: everything but the time it was computed. */
function substance(z: Omit<ProtectiveZone, 'ts'> & { ts?: number }): string {
  // A stored zone carries its `ts`, a fresh one not: leave it out (key order matters to JSON).
  return without(z, ['ts', 'wind']) + JSON.stringify({ ...z.wind, at: 0, speed: 0 });
}

/** `z` as JSON without `keys` (dropped, not blanked: their place in the key order varies). */
function without(z: object, keys: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(Object.entries(z).filter(([k]) => !keys.includes(k))));
}

/**
 * Whether a zone must be written now: a new one, one whose spill, time, chemical, source or
 * members changed, or an override, at once; a wind change alone at most every `WIND_EVERY_MS`.
 */
export function dueToWrite(
  prev: ProtectiveZone | undefined,
  next: Omit<ProtectiveZone, 'ts'>,
  now: number,
): boolean {
  if (!prev) return true;
  if (substance(prev) === substance(next)) return false;
  // What the wind moves: the direction used, the sector and what lies in it.
  const fixed = (z: Omit<ProtectiveZone, 'ts'>) =>
    without(z, ['ts', 'wind', 'downwind', 'sector', 'inside', 'people']);
  const windOnly = fixed(prev) === fixed(next);
  return !windOnly || now - prev.ts >= WIND_EVERY_MS;
}

/**
 * Writes a zone (or removes it, `next` undefined) behind `obs:zone`: the event's stream ids, or
 * undefined when another writer got there first.
 */
export async function writeZone(
  ctx: FeedContext,
  id: string,
  next: Omit<ProtectiveZone, 'ts'> | undefined,
  expected: number | null,
): Promise<string[] | undefined> {
  const { keys } = ctx;
  const ts = Math.max(ctx.now(), (expected ?? 0) + 1);
  const ops: CommitOp[] = next
    ? [
        putJson(keys.state('zone'), id, { ...next, ts }),
        appendEvent(ctx, { kind: 'zone', op: 'upsert', data: { ...next, ts } }),
      ]
    : [
        { op: 'hdel', key: keys.state('zone'), field: id },
        appendEvent(ctx, { kind: 'zone', op: 'remove', entityId: id }),
      ];
  const result = await commit(ctx.redis, { obsKey: keys.obs('zone'), id, ts, expected }, ops);
  return result.status === 'ok' ? result.streamIds : undefined;
}

/**
 * Whether a stored incident's text may be an open release (`releaseSource` decides): a cheap
 * look at the raw JSON, so the sweep parses nothing while no incident is a leak, fire or
 * explosion. Errs towards yes (a text it cannot read is left to the full read).
 */
function mayRelease(json: string): boolean {
  // Every `"type":` of the text counts (a nested object's too): a false yes costs a full read.
  for (const type of RELEASE_TYPES) if (json.includes(`"type":"${type}"`)) return true;
  return !json.includes('"type":"');
}

/** What a zone is computed from, read once per pass. */
export async function readZoneInputs(ctx: FeedContext) {
  const [incidents, hazards, stations, places, zones, versions] = await Promise.all([
    readState(ctx, 'incident', Incident),
    readState(ctx, 'hazard', Hazard),
    readState(ctx, 'station', Station),
    readState(ctx, 'place', Place),
    readState(ctx, 'zone', ProtectiveZone),
    ctx.redis.hGetAll(ctx.keys.obs('zone')),
  ]);
  return { incidents, hazards, stations, places, zones, versions };
}

/**
 * One pass over the open incidents: every leak, fire or explosion at a hazard source holding a
 * TIH chemical with ERG figures gets its protective-action zone, oriented by the nearest station's
 * wind; zones of incidents that closed or no longer qualify are removed. Each change is an event
 * (`dueToWrite`). Returns how many zones changed.
 */
export async function sweepZones(ctx: FeedContext): Promise<number> {
  const now = ctx.now();
  // Most passes have no open release and no zone: the incidents and the zone hash say so, and
  // the hazards, places and stations (the big hashes) are not read or parsed at all.
  const [incidentJson, zoneCount] = await Promise.all([
    ctx.redis.hVals(ctx.keys.state('incident')),
    ctx.redis.hLen(ctx.keys.state('zone')),
  ]);
  if (zoneCount === 0 && !incidentJson.some(mayRelease)) return 0;
  const { incidents, hazards, stations, places, zones, versions } = await readZoneInputs(ctx);
  const byId = new Map(zones.map((z) => [z.id, z]));
  let changed = 0;
  const live = new Set<string>();
  for (const incident of incidents) {
    const source = releaseSource(incident, hazards);
    if (!source) continue;
    live.add(incident.id);
    const prev = byId.get(incident.id);
    const next = computeZone(
      incident,
      source,
      windAt(incident.location, stations, now),
      prev?.override,
      places,
      hazards,
      now,
    );
    if (!dueToWrite(prev, next, now)) continue;
    const stored = versions[incident.id];
    if (await writeZone(ctx, incident.id, next, stored === undefined ? null : Number(stored)))
      changed++;
  }
  for (const z of zones) {
    if (live.has(z.id)) continue;
    const stored = versions[z.id];
    if (await writeZone(ctx, z.id, undefined, stored === undefined ? null : Number(stored)))
      changed++;
  }
  return changed;
}
