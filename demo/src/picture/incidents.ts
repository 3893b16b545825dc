import type { Casualties, IncidentStatus, LngLat } from '@cc/shared';
import type { Need } from '../scenario/incident-templates';
import type { Clock } from './clock';
import type { IncidentDef, Outgoing } from './types';

/** An incident the demo's agencies follow: its current state and its last message. */
export interface IncidentState {
  key: string;
  def: IncidentDef;
  level: IncidentDef['level'];
  status: IncidentStatus;
  casualties: Casualties;
  lastTs: number;
  last?: Record<string, unknown>;
  /** Units it calls for once it is verified (everyday and serious incidents). */
  needs: readonly Need[];
  /** Generated while the demo runs (closed and forgotten at the end of its life). */
  generated: boolean;
  serious: boolean;
}

/** The lifecycle, in order; an incident only moves forward. */
export const LIFECYCLE: readonly IncidentStatus[] = [
  'reported',
  'verified',
  'responding',
  'controlled',
  'closed',
];

export function nextStatus(status: IncidentStatus): IncidentStatus | undefined {
  return LIFECYCLE[LIFECYCLE.indexOf(status) + 1];
}

/** Units an incident of the opening scenario calls for when it comes to be responded to. */
export function defaultNeeds(def: IncidentDef): Need[] {
  switch (def.type) {
    case 'fire':
    case 'explosion':
      return [
        { agency: 'cz-119', type: 'fire_engine', count: 2 },
        { agency: 'cz-120', type: 'ambulance', count: 1 },
      ];
    case 'hazmat_leak':
      return [
        { agency: 'cz-119', type: 'hazmat_unit', count: 1 },
        { agency: 'cz-emergency', type: 'expert', count: 1 },
      ];
    case 'flood':
    case 'waterlogging':
      return [{ agency: 'cz-water', type: 'heavy_machinery', count: 1 }];
    case 'landslide':
      return [
        { agency: 'cz-water', type: 'rescue_team', count: 1 },
        { agency: 'cz-emergency', type: 'expert', count: 1 },
      ];
    case 'building_collapse':
    case 'earthquake':
      return [
        { agency: 'cz-119', type: 'rescue_team', count: 1 },
        { agency: 'cz-emergency', type: 'heavy_machinery', count: 1 },
      ];
    case 'traffic':
      return [{ agency: 'cz-police', type: 'police_car', count: 1 }];
    case 'other':
      return [{ agency: 'cz-police', type: 'police_car', count: 1 }];
  }
}

export function newIncident(
  def: IncidentDef,
  o: { needs?: readonly Need[]; generated?: boolean; serious?: boolean } = {},
): IncidentState {
  return {
    key: `${def.agency}:${def.id}`,
    def,
    level: def.level,
    status: def.status,
    casualties: { dead: 0, injured: 0, missing: 0, trapped: 0, ...def.casualties },
    lastTs: 0,
    needs: o.needs ?? defaultNeeds(def),
    generated: o.generated ?? false,
    serious: o.serious ?? false,
  };
}

/** The incident's full message at `nowMs` (never before its last one); remembered as its last. */
export function incidentMessage(inc: IncidentState, nowMs: number, clock: Clock): Outgoing {
  const ts = Math.max(nowMs, inc.lastTs + 1);
  inc.lastTs = ts;
  const { def } = inc;
  const body: Record<string, unknown> = {
    id: def.id,
    ts: clock.ts(ts),
    crs: 'WGS84',
    type: def.type,
    category: def.category,
    level: inc.level,
    status: inc.status,
    title: def.title,
    ...(def.description === undefined ? {} : { description: def.description }),
    ...(def.address === undefined ? {} : { address: def.address }),
    casualties: { ...inc.casualties },
    location: { type: 'Point', coordinates: [...def.at] },
    ...(def.area === undefined ? {} : { area: def.area }),
  };
  inc.last = body;
  return { agency: def.agency, kind: 'incident', body };
}

export function locationOf(inc: IncidentState): LngLat {
  return inc.def.at;
}
