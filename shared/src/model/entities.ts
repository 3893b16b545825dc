import { z } from 'zod';
import { AreaGeometry } from '../feed/geometry';
import { CameraMessage, CameraStreams } from '../feed/camera';
import { Chemical, Metric, Tank, Thresholds } from '../feed/hazard';
import { RiskLevel } from '../feed/riskarea';
import { Assessment, RiskColour } from '../risk/model';
import { IncidentLevel, IncidentMessage } from '../feed/incident';
import { PlaceMessage } from '../feed/place';
import { ResourceMessage } from '../feed/resource';
import { RiskAreaMessage } from '../feed/riskarea';
import { CapCertainty, CapMsgType, CapSeverity, CapUrgency, WarningSignal } from '../feed/warning';
import { StationType, Wind } from '../feed/weather';
import { PolygonGeometry } from '../feed/geometry';

/**
 * A watch flag (预警区内): a warning in force whose area covers the entity. The most severe
 * signal of the warnings covering it; `since` is when this signal from this warning was first
 * set. Written by ingest (never by the entity's agency); cleared when no warning covers it.
 */
export const Watch = z.object({
  signal: WarningSignal,
  warningId: z.string(),
  since: z.number(),
});
export type Watch = z.infer<typeof Watch>;

/** `{agency}:{localId}`: an agency can never name another agency's entity. */
export function entityId(agency: string, localId: string): string {
  return `${agency}:${localId}`;
}

const LngLat = z.tuple([z.number(), z.number()]);

export const Sensor = z.object({
  id: z.string(),
  hazardId: z.string(),
  name: z.string().optional(),
  metric: Metric,
  unit: z.string(),
  thresholds: Thresholds,
  interval: z.number(),
});
export type Sensor = z.infer<typeof Sensor>;

/** A major hazard source as stored and shown: WGS-84, with its sensors' definitions. */
export const Hazard = z.object({
  id: z.string(),
  agency: z.string(),
  name: z.string(),
  enterprise: z.string(),
  grade: z.number().int(),
  address: z.string().optional(),
  chemicals: z.array(Chemical),
  location: LngLat,
  sensors: z.array(Sensor),
  /** Tanks as registered: `levelSensor` is the sensor's product id (`{agency}:{id}`). */
  tanks: z.array(Tank.extend({ levelSensor: z.string() })).optional(),
  residents: z.number().int().optional(),
  riskLevel: RiskLevel.optional(),
  /** GB 18218 grading from live state (ingest's risk assessor), once computed. */
  assessment: Assessment.optional(),
  /** The dynamic four-colour level and why. */
  riskColour: RiskColour.optional(),
  /** Observation time, epoch ms. */
  ts: z.number(),
  /** Set while a warning's area covers the site (the dynamic risk colour reads it). */
  watch: Watch.optional(),
});
export type Hazard = z.infer<typeof Hazard>;

/**
 * Alarm level of a reading: H / HH above, L / LL below. The second letter doubles the stage:
 * H and L are first-stage (一级), HH and LL second-stage (二级).
 */
export const AlarmLevel = z.enum(['H', 'HH', 'L', 'LL']);
export type AlarmLevel = z.infer<typeof AlarmLevel>;
export type ReadingLevel = AlarmLevel | 'normal';

/** The latest reading of a sensor (telemetry: latest wins). */
export const Reading = z.object({
  id: z.string(),
  ts: z.number(),
  value: z.number(),
  level: z.union([AlarmLevel, z.literal('normal')]),
  /** The active alarm this reading keeps open, if any. */
  alarmId: z.string().optional(),
});
export type Reading = z.infer<typeof Reading>;

/** What an alarm is about: a reading past a threshold, or a sensor or feed gone silent. */
export const AlarmCause = z.enum([
  'threshold',
  'offline',
  'order_timeout',
  'report_overdue',
  'overdue',
  /** A depot's item below its minimum level (`depotId`, `item`). */
  'low_stock',
  /** Hazards or serious incidents no available fire-rescue unit reaches within the target. */
  'coverage',
]);
export type AlarmCause = z.infer<typeof AlarmCause>;

/** An alarm's level: a threshold level, or `offline` for silence. */
export const AlarmState = z.union([AlarmLevel, z.literal('offline')]);
export type AlarmState = z.infer<typeof AlarmState>;

/**
 * An alarm is an entity: raised, escalated or eased, and cleared — by readings for a threshold
 * alarm, by silence and the next message for an offline one. A feed-wide offline alarm names no
 * sensor or hazard.
 */
export const Alarm = z.object({
  id: z.string(),
  // Alarms stored before offline alarms existed have no cause: they are threshold alarms.
  cause: AlarmCause.default('threshold'),
  agency: z.string(),
  sensorId: z.string().optional(),
  hazardId: z.string().optional(),
  /** For an `overdue` alarm: the hidden hazard past its deadline. */
  hiddenHazardId: z.string().optional(),
  /** A `report_overdue` alarm: the report (信息报送) past its deadline, and its incident. */
  reportId: z.string().optional(),
  incidentId: z.string().optional(),
  /** A `low_stock` alarm: the depot (resource id) and the item. */
  depotId: z.string().optional(),
  item: z.string().optional(),
  metric: Metric.optional(),
  unit: z.string().optional(),
  status: z.enum(['active', 'cleared']),
  level: AlarmState,
  /** The most severe level reached while active. */
  peak: AlarmState,
  raisedAt: z.number(),
  raisedValue: z.number().optional(),
  lastValue: z.number().optional(),
  updatedAt: z.number(),
  clearedAt: z.number().optional(),
  /** Who acknowledged it, when, with what note. */
  acknowledged: z
    .object({ by: z.string(), at: z.number(), note: z.string().optional() })
    .optional(),
  /** 处置反馈: what was done about it. */
  disposal: z.object({ by: z.string(), at: z.number(), note: z.string() }).optional(),
});
export type Alarm = z.infer<typeof Alarm>;

/** sent → acknowledged → done, or refused; `sent` past its deadline raises an alarm. */
export const OrderStatus = z.enum(['sent', 'acknowledged', 'done', 'refused']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** A dispatch (or recall) order to the agency that owns the resource. */
export const Order = z.object({
  id: z.string(),
  /** The agency the order goes to. */
  agency: z.string(),
  kind: z.enum(['dispatch', 'recall']),
  incidentId: z.string().optional(),
  resourceId: z.string(),
  status: OrderStatus,
  note: z.string().optional(),
  /** Who gave the order. */
  by: z.string(),
  sentAt: z.number(),
  updatedAt: z.number(),
  /** The agency's own words with its answer, if any. */
  reply: z.string().optional(),
  ts: z.number(),
});
export type Order = z.infer<typeof Order>;

/** Fields every stored entity has on top of its kind's own: identity, owner, observation time. */
const stored = { id: z.string(), agency: z.string(), ts: z.number() };

export const Incident = IncidentMessage.omit({
  id: true,
  ts: true,
  crs: true,
  location: true,
}).extend({
  ...stored,
  location: LngLat,
  /** Reported on a tablet: the commander's name (or account id, without a name). */
  reportedBy: z.string().max(100).optional(),
  /**
   * A commander has seen the incident as it stands (`incident.acknowledge`): who, when, at which
   * level. The wall releases a serious incident's focus on it; an agency's update replaces the
   * incident and with it the acknowledgement (the new report is news to be seen again).
   */
  acknowledged: z.object({ by: z.string(), at: z.number(), level: IncidentLevel }).optional(),
});
export type Incident = z.infer<typeof Incident>;

export const Resource = ResourceMessage.omit({
  id: true,
  ts: true,
  crs: true,
  location: true,
}).extend({
  ...stored,
  location: LngLat,
});
export type Resource = z.infer<typeof Resource>;

/** A sensitive place (school, hospital, nursing home...) as stored and shown: WGS-84. */
export const Place = PlaceMessage.omit({
  id: true,
  ts: true,
  crs: true,
  location: true,
}).extend({
  ...stored,
  location: LngLat,
  /** Set while a warning's area covers the place. */
  watch: Watch.optional(),
});
export type Place = z.infer<typeof Place>;

/**
 * A camera as stored and shown: WGS-84, its agency's status and streams. Screens that may not see
 * stream addresses (`canSeeStreams`) get it without `streams`.
 */
export const Camera = CameraMessage.omit({
  id: true,
  ts: true,
  crs: true,
  location: true,
  streams: true,
}).extend({
  ...stored,
  location: LngLat,
  streams: CameraStreams.optional(),
});
export type Camera = z.infer<typeof Camera>;

/**
 * What the command center's own probe found of a camera's HLS playlist (the id is the camera's):
 * stored and sent only when it changes. `ts` is when it changed.
 */
export const CameraHealth = z.object({
  ...stored,
  state: z.enum(['reachable', 'unreachable']),
  /** Why it is unreachable: `http 404`, `timeout`, `connection refused`... */
  reason: z.string().optional(),
});
export type CameraHealth = z.infer<typeof CameraHealth>;

/** The latest position of a moving resource (telemetry: latest wins). */
export const Position = z.object({
  id: z.string(),
  ts: z.number(),
  location: LngLat,
  heading: z.number().optional(),
  speed: z.number().optional(),
});
export type Position = z.infer<typeof Position>;

/** A warning in force. Its id stays the first alert's; updates change it in place. */
export const Warning = z.object({
  ...stored,
  /** Id of the latest message (alert or update) that shaped it. */
  identifier: z.string(),
  msgType: CapMsgType,
  event: z.string(),
  signal: WarningSignal,
  severity: CapSeverity,
  urgency: CapUrgency,
  certainty: CapCertainty,
  headline: z.string(),
  description: z.string().optional(),
  instruction: z.string().optional(),
  onset: z.number().optional(),
  expires: z.number(),
  areas: z.array(
    z.object({
      description: z.string(),
      geometry: AreaGeometry,
      geocodes: z.array(z.string()).optional(),
    }),
  ),
});
export type Warning = z.infer<typeof Warning>;

export const RiskArea = RiskAreaMessage.omit({ id: true, ts: true, crs: true }).extend({
  ...stored,
  /** Its registered level raised by the worst enterprise inside it (ingest's risk assessor). */
  riskColour: RiskColour.optional(),
});
export type RiskArea = z.infer<typeof RiskArea>;

export type HazardState = 'normal' | 'high' | 'highhigh' | 'offline';

/** A reading of a station's metric, kept on the station: its level and open alarm. */
const StationReading = z.object({
  ts: z.number(),
  value: z.number(),
  level: z.union([AlarmLevel, z.literal('normal')]),
  alarmId: z.string().optional(),
});

/**
 * A weather or water-level station as stored and shown: its latest observation (each field as
 * last reported) and, per metric with thresholds, the level it is at.
 */
export const Station = z.object({
  ...stored,
  type: StationType,
  name: z.string(),
  location: LngLat,
  wind: Wind.optional(),
  rain1h: z.number().optional(),
  rain24h: z.number().optional(),
  temperature: z.number().optional(),
  waterLevel: z.number().optional(),
  warningLevel: z.number().optional(),
  guaranteedLevel: z.number().optional(),
  levels: z
    .object({
      wind_speed: StationReading.optional(),
      rain_1h: StationReading.optional(),
      water_level: StationReading.optional(),
    })
    .default({}),
});
export type Station = z.infer<typeof Station>;

/** Something inside a protective-action zone: the isolation circle or the downwind sector. */
export const ZoneMember = z.object({
  kind: z.enum(['place', 'hazard']),
  id: z.string(),
  name: z.string(),
  /** People usually there (places). */
  people: z.number().optional(),
  part: z.enum(['isolation', 'protect']),
  /** Distance from the spill, metres. */
  distanceM: z.number(),
});
export type ZoneMember = z.infer<typeof ZoneMember>;

/**
 * The protective-action zone of a toxic release (ERG Table 1): computed by ingest for an open leak
 * or fire incident at a hazard source holding a TIH chemical with stored figures; its id is the
 * incident's. Recomputed when the wind turns (at most every 30 s), when a commander overrides the
 * spill size or day/night, and when the places around change.
 */
export const ProtectiveZone = z.object({
  ...stored,
  incidentId: z.string(),
  hazardId: z.string(),
  chemical: z.object({ un: z.string(), name: z.string() }),
  spill: z.enum(['small', 'large']),
  time: z.enum(['day', 'night']),
  /** What the commander set, if anything; the rest is the product's own choice. */
  override: z
    .object({
      spill: z.enum(['small', 'large']).optional(),
      time: z.enum(['day', 'night']).optional(),
      by: z.string(),
      at: z.number(),
    })
    .optional(),
  /** The wind used: from a station, or the documented default when none reports. */
  wind: z.object({
    direction: z.number(),
    speed: z.number().optional(),
    stationId: z.string().optional(),
    stationName: z.string().optional(),
    /** Station's observation time. */
    at: z.number().optional(),
    default: z.boolean(),
  }),
  isolationM: z.number(),
  protectKm: z.number(),
  /** Bearing the sector points to, degrees clockwise from north. */
  downwind: z.number(),
  isolation: PolygonGeometry,
  sector: PolygonGeometry,
  inside: z.array(ZoneMember),
  /** People usually in the places inside. */
  people: z.number(),
  /** ERG edition and source of the figures. */
  erg: z.object({ edition: z.number(), source: z.string() }),
});
export type ProtectiveZone = z.infer<typeof ProtectiveZone>;
