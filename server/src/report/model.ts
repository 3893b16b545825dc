/**
 * The after-action report of one incident (事件总结评估), as `GET /api/v1/incidents/:id/report`
 * returns it. Every time is epoch ms, observation time (what the feeds and commands say), not
 * when Redis stored it. Intervals are milliseconds; null where a step never happened.
 */

export type TimelineKind =
  | 'alarm'
  | 'reported'
  | 'dispatch'
  | 'acknowledged'
  | 'refused'
  | 'en_route'
  | 'on_scene'
  | 'level'
  | 'status'
  | 'recall'
  | 'closed';

export interface TimelineEntry {
  at: number;
  kind: TimelineKind;
  /** The unit (dispatch, acknowledgement, en route, on scene, recall). */
  unit?: string;
  /** The agency answering or owning the unit. */
  agency?: string;
  /** Level or status changes: from → to. */
  from?: string;
  to?: string;
  /** Who did it (a commander's name), or what the alarm was. */
  by?: string;
  text?: string;
}

export interface UnitResponse {
  resourceId: string;
  name: string;
  type: string;
  agency: string;
  orderId: string;
  dispatchedAt: number;
  acknowledgedAt: number | null;
  refusedAt: number | null;
  enRouteAt: number | null;
  onSceneAt: number | null;
  /** dispatch → acknowledgement, dispatch → en route, dispatch → on scene. */
  toAcknowledge: number | null;
  toEnRoute: number | null;
  toOnScene: number | null;
}

export interface Percentiles {
  /** How many units had the step. */
  n: number;
  p50: number | null;
  p90: number | null;
}

export interface Casualty {
  at: number;
  dead: number;
  injured: number;
  missing: number;
  trapped: number;
}

export interface ReportWarning {
  id: string;
  headline: string;
  event: string;
  signal: string;
  severity: string;
  onset: number | null;
  expires: number;
  /** One of its areas covers the incident's location. */
  coversIncident: boolean;
}

export interface NearbyAlarm {
  id: string;
  sensorId: string | null;
  level: string;
  peak: string;
  raisedAt: number;
  clearedAt: number | null;
}

export interface NearbyHazard {
  id: string;
  name: string;
  enterprise: string;
  distanceM: number;
  alarms: NearbyAlarm[];
}

export interface NearbyPlace {
  id: string;
  name: string;
  type: string;
  distanceM: number;
}

export interface ReportNote {
  at: number;
  by: string;
  /** What the note was written on. */
  on: 'dispatch' | 'recall' | 'alarm_ack' | 'alarm_dispose' | 'duty' | 'incident_ack';
  text: string;
}

export interface MapFeature {
  kind: 'incident' | 'unit' | 'hazard' | 'place';
  id: string;
  name: string;
  lngLat: [number, number];
  /** A unit's status at that moment. */
  status?: string;
}

export interface ReportMap {
  at: number;
  /** Why this moment. */
  moment: 'first_dispatch' | 'peak';
  features: MapFeature[];
  /** The picture drawn server-side: an SVG document (no tiles; offline). */
  svg: string;
}

export interface IncidentReport {
  generatedAt: number;
  /** Where the history came from: the PostgreSQL archive, or only the live picture. */
  source: 'archive' | 'live';
  incident: {
    id: string;
    title: string;
    type: string;
    category: string;
    level: string;
    peakLevel: string;
    status: string;
    agency: string;
    address: string | null;
    description: string | null;
    location: [number, number];
    reportedBy: string | null;
  };
  /** First alarm linked to the incident, first report of it, first dispatch, closing. */
  firstAlarmAt: number | null;
  reportedAt: number;
  firstDispatchAt: number | null;
  closedAt: number | null;
  timeline: TimelineEntry[];
  intervals: {
    /** Report (or first linked alarm, when earlier) → first dispatch. */
    reportToFirstDispatch: number | null;
    units: UnitResponse[];
    toAcknowledge: Percentiles;
    toEnRoute: Percentiles;
    toOnScene: Percentiles;
  };
  units: { id: string; name: string; type: string; agency: string; members: number | null }[];
  materials: { resourceId: string; item: string; quantity: number; unit: string }[];
  casualties: Casualty[];
  warnings: ReportWarning[];
  hazards: NearbyHazard[];
  places: NearbyPlace[];
  notes: ReportNote[];
  maps: ReportMap[];
}
