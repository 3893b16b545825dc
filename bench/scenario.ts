/**
 * The benchmark's world: which agencies publish, which hazards, sensors and vehicles exist, and
 * the messages they send. Shared by the generator (which publishes) and the clients (which know
 * what to expect), so both derive the same ids from the same numbers.
 *
 * Readings carry their per-sensor sequence number as `value` (thresholds sit far above, so no
 * alarm fires) and positions carry theirs as `speed` modulo 1,000: a client that receives a
 * later value knows how many it never saw, and when they were published (the generator spaces
 * each entity's messages evenly). Every observation time is the publish time.
 */

export interface ScenarioSize {
  /** Sensors in total, spread over the enterprise agencies, 8 per hazard. */
  sensors: number;
  /** Vehicles in total, split between the two vehicle agencies. */
  vehicles: number;
}

export const SENSORS_PER_HAZARD = 8;
export const ENTERPRISE_AGENCIES = 20;
/** Fire rescue owns the vehicles that report positions and status; police report incidents. */
export const VEHICLE_AGENCIES = ['fire-119', 'police-110'] as const;
export const INCIDENT_AGENCY = 'police-110';
export const STATUS_AGENCY = 'fire-119';
/** Incidents updated round-robin by the event trickle. */
export const INCIDENT_POOL = 200;
/** `speed` carries a vehicle's sequence number modulo this. */
export const POSITION_SEQ_MOD = 1_000;
/** Far above any sent value: readings never raise an alarm. */
const NEVER = 1e12;

export function enterpriseAgency(i: number): string {
  return `ent-${String(i + 1).padStart(2, '0')}`;
}

/** Sensor `n` (0-based, global): its agency and local id. */
export function sensorOf(n: number): { agency: string; id: string } {
  const hazard = Math.floor(n / SENSORS_PER_HAZARD);
  return {
    agency: enterpriseAgency(hazard % ENTERPRISE_AGENCIES),
    id: `h${hazard}-s${n % SENSORS_PER_HAZARD}`,
  };
}

/** Vehicle `n` (0-based, global): its agency and local id. */
export function vehicleOf(n: number): { agency: string; id: string } {
  return { agency: VEHICLE_AGENCIES[n % VEHICLE_AGENCIES.length]!, id: `v${n}` };
}

/** Where entity `n` sits: spread over Changzhou's urban area. */
function place(n: number, salt: number): [number, number] {
  const x = ((n * 7919 + salt) % 1000) / 1000;
  const y = ((n * 104_729 + salt * 31) % 1000) / 1000;
  return [119.75 + x * 0.35, 31.65 + y * 0.25];
}

export function hazardMessage(hazard: number, ts: string) {
  return {
    id: `h${hazard}`,
    ts,
    name: `压测危险源 ${hazard}`,
    enterprise: `压测企业 ${hazard % 97}`,
    grade: 1 + (hazard % 4),
    location: { type: 'Point', coordinates: place(hazard, 1) },
    sensors: Array.from({ length: SENSORS_PER_HAZARD }, (_, s) => ({
      id: `h${hazard}-s${s}`,
      metric: 'level',
      unit: '%',
      thresholds: { high: NEVER, highHigh: NEVER * 2 },
      // Long enough that no sensor reads as silent between benchmark steps.
      interval: 3_600,
    })),
    // Every sensor measures a tank of liquid chlorine: each reading moves the hazard's live
    // GB 18218 grade, the risk assessor's heaviest case.
    chemicals: [{ name: '液氯', cas: '7782-50-5', tonnes: 60 }],
    tanks: Array.from({ length: SENSORS_PER_HAZARD }, (_, s) => ({
      id: `t${s}`,
      substance: '7782-50-5',
      capacity: 10,
      density: 1.47,
      levelSensor: `h${hazard}-s${s}`,
    })),
  };
}

export function vehicleMessage(
  n: number,
  ts: string,
  status: 'available' | 'en_route' | 'on_scene' = 'available',
) {
  const { id } = vehicleOf(n);
  return {
    id,
    ts,
    type: n % 3 === 0 ? 'ambulance' : 'fire_engine',
    name: `压测车辆 ${n}`,
    status,
    location: { type: 'Point', coordinates: place(n, 2) },
  };
}

export function readingMessage(n: number, seq: number, ts: string) {
  return { id: sensorOf(n).id, ts, value: seq };
}

export function positionMessage(n: number, seq: number, ts: string) {
  const [lon, lat] = place(n, 2);
  const wobble = (seq % 100) / 100_000;
  return {
    id: vehicleOf(n).id,
    ts,
    location: { type: 'Point', coordinates: [lon + wobble, lat + wobble] },
    speed: seq % POSITION_SEQ_MOD,
  };
}

const INCIDENT_STATUS = ['reported', 'verified', 'responding', 'controlled'] as const;

export function incidentMessage(n: number, version: number, ts: string) {
  return {
    id: `inc-${n % INCIDENT_POOL}`,
    ts,
    type: 'traffic',
    category: 'accident_disaster',
    level: 'IV',
    status: INCIDENT_STATUS[version % INCIDENT_STATUS.length],
    title: `压测事件 ${n % INCIDENT_POOL}`,
    location: { type: 'Point', coordinates: place(n % INCIDENT_POOL, 3) },
  };
}

/** Every agency that publishes, for the rate limits and the fair-share reading. */
export function allAgencies(): string[] {
  return [
    ...Array.from({ length: ENTERPRISE_AGENCIES }, (_, i) => enterpriseAgency(i)),
    ...VEHICLE_AGENCIES,
  ];
}

/** The product's entity id of sensor or vehicle `n`. */
export const sensorEntity = (n: number) => {
  const s = sensorOf(n);
  return `${s.agency}:${s.id}`;
};
export const vehicleEntity = (n: number) => {
  const v = vehicleOf(n);
  return `${v.agency}:${v.id}`;
};
