import { z } from 'zod';

const Position = z.tuple([z.number().finite(), z.number().finite()]);
/** A closed ring: at least four positions, the last equal to the first. */
const Ring = z
  .array(Position)
  .min(4)
  .max(10_000)
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], {
    message: 'a ring must end where it starts',
  });

export const PolygonGeometry = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(Ring).min(1).max(100),
});
export type PolygonGeometry = z.infer<typeof PolygonGeometry>;

export const MultiPolygonGeometry = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring).min(1).max(100)).min(1).max(100),
});
export type MultiPolygonGeometry = z.infer<typeof MultiPolygonGeometry>;

/** An area: a GeoJSON Polygon or MultiPolygon, longitude first. */
export const AreaGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry]);
export type AreaGeometry = z.infer<typeof AreaGeometry>;
