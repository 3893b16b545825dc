import { z } from 'zod';
import { Crs, LocalId, ObservedAt, PointGeometry } from './common';

export const ResourceType = z.enum([
  'rescue_team',
  'fire_engine',
  'ambulance',
  'hazmat_unit',
  'police_car',
  'helicopter',
  'boat',
  'heavy_machinery',
  'material_depot',
  'shelter',
  'expert',
]);
export type ResourceType = z.infer<typeof ResourceType>;

export const ResourceStatus = z.enum([
  'available',
  'dispatched',
  'en_route',
  'on_scene',
  'returning',
  'out_of_service',
]);
export type ResourceStatus = z.infer<typeof ResourceStatus>;

export const InventoryLine = z.strictObject({
  item: z.string().min(1).max(100),
  quantity: z.number().finite().min(0),
  unit: z.string().min(1).max(16),
  /** 最低储备: below this the depot's stock ledger raises a low-stock alarm. */
  minimum: z.number().finite().min(0).optional(),
});

const motion = {
  /** Degrees clockwise from north. */
  heading: z.number().finite().min(0).max(360).optional(),
  /** km/h. */
  speed: z.number().finite().min(0).max(1_000).optional(),
};

/** `cc/v1/{agency}/resource`: a unit, depot, shelter or expert, with its status (an event). */
export const ResourceMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  crs: Crs.default('WGS84'),
  type: ResourceType,
  name: z.string().min(1).max(200),
  status: ResourceStatus,
  location: PointGeometry,
  ...motion,
  /** Material depots: what they hold. */
  inventory: z.array(InventoryLine).max(500).optional(),
  /** Shelters: people they can take and people in them. */
  capacity: z.number().int().min(0).optional(),
  occupancy: z.number().int().min(0).optional(),
  /** People in a team; an expert's field, for instance. */
  members: z.number().int().min(0).optional(),
  speciality: z.string().max(100).optional(),
  phone: z.string().max(40).optional(),
});
export type ResourceMessage = z.infer<typeof ResourceMessage>;

/**
 * A position-only update on the same topic (id, ts, location, heading, speed): telemetry, latest
 * wins, for vehicles that report every few seconds.
 */
export const PositionMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  crs: Crs.default('WGS84'),
  location: PointGeometry,
  ...motion,
});
export type PositionMessage = z.infer<typeof PositionMessage>;

/** Keys only a full resource message has: their presence tells the two shapes apart. */
export const RESOURCE_ONLY_KEYS = ['type', 'name', 'status'] as const;
