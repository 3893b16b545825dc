import type { z } from 'zod';
import type {
  AreaGeometry,
  Casualties,
  IncidentCategory,
  IncidentLevel,
  IncidentStatus,
  IncidentType,
  InventoryLine,
  LngLat,
  ResourceType,
} from '@cc/shared';

/** A resource as the scenario defines it: who owns it, what it is, where it is based. */
export interface ResourceDef {
  agency: string;
  /** The agency's own id, e.g. `BJ-FE-01`. */
  id: string;
  type: ResourceType;
  name: string;
  /** Home: the station, hospital, depot or office it leaves from and returns to (WGS-84). */
  station: LngLat;
  members?: number;
  speciality?: string;
  phone?: string;
  inventory?: z.input<typeof InventoryLine>[];
  capacity?: number;
  occupancy?: number;
}

/** An incident as the scenario defines it, in the state the demo starts with. */
export interface IncidentDef {
  agency: string;
  id: string;
  type: IncidentType;
  category: z.infer<typeof IncidentCategory>;
  level: IncidentLevel;
  status: IncidentStatus;
  title: string;
  description?: string;
  address?: string;
  casualties?: Partial<Casualties>;
  /** WGS-84. */
  at: LngLat;
  area?: AreaGeometry;
}

/** Units at work on an incident when the demo starts. */
export interface Deployment {
  /** `{agency}:{id}` of the resource. */
  resource: string;
  /** `{agency}:{id}` of the incident. */
  incident: string;
  status: 'en_route' | 'on_scene' | 'returning';
}

/** A message the simulated agencies publish: JSON bodies, or CAP XML text for warnings. */
export interface Outgoing {
  agency: string;
  kind:
    'incident' | 'resource' | 'warning' | 'riskarea' | 'place' | 'shelter' | 'order' | 'weather';
  body: Record<string, unknown> | string;
  /** Position updates: latest wins, QoS 0, dropped while the agency is offline. */
  telemetry?: true;
}
