import { z } from 'zod';
import { Crs, LocalId, ObservedAt, PointGeometry } from './common';

/** What a shelter offers (GB 21734 应急避难场所 facilities). */
export const ShelterFacility = z.enum([
  'water',
  'power',
  'toilet',
  'medical',
  'kitchen',
  'beds',
  'shower',
  'heating',
  'accessible',
  'broadcast',
]);
export type ShelterFacility = z.infer<typeof ShelterFacility>;

/** `open`: taking people in; `closed`: not (not yet opened, or shut). */
export const ShelterStatus = z.enum(['open', 'closed']);
export type ShelterStatus = z.infer<typeof ShelterStatus>;

/**
 * `cc/v1/{agency}/shelter`: an emergency shelter (应急避难场所), registered by a full message
 * (name, location, capacity, status, facilities…); its occupancy as it changes is telemetry:
 * latest wins, history kept.
 */
export const ShelterMessage = z
  .strictObject({
    id: LocalId,
    ts: ObservedAt,
    crs: Crs.default('WGS84'),
    name: z.string().min(1).max(200),
    location: PointGeometry,
    /** People it can take. */
    capacity: z.number().int().min(0).max(1_000_000),
    /** People in it now. */
    occupancy: z.number().int().min(0).max(1_000_000).optional(),
    status: ShelterStatus,
    facilities: z.array(ShelterFacility).max(20).optional(),
    /** Usable area, m². */
    areaM2: z.number().finite().min(0).max(100_000_000).optional(),
    address: z.string().max(300).optional(),
    phone: z.string().max(40).optional(),
  })
  .refine((m) => m.occupancy === undefined || m.occupancy <= m.capacity * 2, {
    message: 'occupancy is more than twice the capacity: check the figures',
    path: ['occupancy'],
  });
export type ShelterMessage = z.infer<typeof ShelterMessage>;

/**
 * An occupancy update on the same topic (id, ts, occupancy, and status if it changed): telemetry,
 * latest wins, for a shelter's gate count.
 */
export const ShelterOccupancyMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  occupancy: z.number().int().min(0).max(1_000_000),
  status: ShelterStatus.optional(),
});
export type ShelterOccupancyMessage = z.infer<typeof ShelterOccupancyMessage>;

/** Keys only a full shelter message has: their presence tells the two shapes apart. */
export const SHELTER_ONLY_KEYS = ['name', 'location', 'capacity'] as const;
