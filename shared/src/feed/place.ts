import { z } from 'zod';
import { Crs, LocalId, ObservedAt, PointGeometry } from './common';

/** Sensitive places: where many people, or people who cannot leave by themselves, usually are. */
export const PlaceType = z.enum([
  'school',
  'kindergarten',
  'hospital',
  'nursing_home',
  'shopping_complex',
  'stadium',
  'transport_hub',
]);
export type PlaceType = z.infer<typeof PlaceType>;

/** `cc/v1/{agency}/place`: a sensitive place (敏感目标) and the number of people usually there (an event). */
export const PlaceMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  crs: Crs.default('WGS84'),
  type: PlaceType,
  name: z.string().min(1).max(200),
  address: z.string().max(300).optional(),
  /** People usually present (pupils and staff, patients and staff, daily visitors...). */
  people: z.number().int().min(0).max(10_000_000),
  /** People it is built for: beds, seats, places. */
  capacity: z.number().int().min(0).max(10_000_000).optional(),
  /** Whom to call there (duty officer, headmaster). */
  contact: z.string().max(100).optional(),
  phone: z.string().max(40).optional(),
  location: PointGeometry,
});
export type PlaceMessage = z.infer<typeof PlaceMessage>;
