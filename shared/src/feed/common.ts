import { z } from 'zod';
import { TS_HINT } from './issue-words';

/** Coordinate reference systems a feed may declare; everything inside the product is WGS-84. */
export const Crs = z.enum(['WGS84', 'GCJ02', 'BD09', 'CGCS2000']);
export type Crs = z.infer<typeof Crs>;

/** An agency's own id for an entity; the product's identity is `{agency}:{id}`. */
export const LocalId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", at most 64');

export const AgencyId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,31}$/, 'lower-case letters, digits or "-", 2 to 32');

/** Observation time: RFC 3339 with an explicit offset (`Z` or `+08:00`). */
export const ObservedAt = z.iso.datetime({ offset: true }).describe(TS_HINT);

/** A GeoJSON Point; longitude first. Range is checked after conversion to WGS-84. */
export const PointGeometry = z
  .strictObject({
    type: z.literal('Point'),
    coordinates: z.tuple([z.number().finite(), z.number().finite()]),
  })
  .describe(
    'a GeoJSON Point, e.g. {"type": "Point", "coordinates": [119.97, 31.81]} (longitude first)',
  );
export type PointGeometry = z.infer<typeof PointGeometry>;

/** WGS-84 longitude/latitude pair, as stored. */
export type LngLat = [lng: number, lat: number];

export const BATCH_MAX = 1000;

/** Accept one message or a batch (JSON array) of them. */
export function singleOrBatch<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item).min(1).max(BATCH_MAX)]);
}
