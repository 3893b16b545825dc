import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Default speeds by road class, km/h: what a vehicle keeps up on such a road in city traffic
 * (OpenStreetMap's `highway` classes; a feature's `speed_kmh` overrides them).
 */
export const ROAD_CLASS_KMH = {
  motorway: 100,
  trunk: 80,
  primary: 60,
  secondary: 50,
  tertiary: 40,
  unclassified: 30,
  residential: 25,
  service: 15,
} as const;
export type RoadClass = keyof typeof ROAD_CLASS_KMH;
export const RoadClass = z.enum(Object.keys(ROAD_CLASS_KMH) as [RoadClass, ...RoadClass[]]);

const Position = z
  .array(z.number())
  .min(2)
  .refine(([lon, lat]) => Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90, '[longitude, latitude]');
const Line = z.array(Position).min(2, 'a line has at least two positions');

/** `oneway`: true / "yes" = only in the drawing direction, "-1" = only against it. */
const OneWay = z.union([z.boolean(), z.enum(['yes', 'no', '-1'])]);

export const RoadFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('LineString'), coordinates: Line }),
    z.object({ type: z.literal('MultiLineString'), coordinates: z.array(Line).min(1) }),
  ]),
  properties: z
    .object({
      class: RoadClass.optional(),
      speed_kmh: z.number().positive().max(200).optional(),
      oneway: OneWay.optional(),
      name: z.string().optional(),
    })
    .refine((p) => p.class !== undefined || p.speed_kmh !== undefined, {
      message: `a road has a class (${Object.keys(ROAD_CLASS_KMH).join(', ')}) or a speed_kmh`,
      path: ['class'],
    }),
});
export type RoadFeature = z.infer<typeof RoadFeature>;

/** The road network file (`ROADS_FILE`): GeoJSON LineStrings in WGS-84 that meet at shared positions. */
export const RoadsFile = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(RoadFeature).min(1, 'a road network has at least one road'),
});
export type RoadsFile = z.infer<typeof RoadsFile>;

/** The speed a feature is driven at: its own `speed_kmh`, else its class's. */
export function roadSpeedKmh(properties: RoadFeature['properties']): number {
  return properties.speed_kmh ?? ROAD_CLASS_KMH[properties.class ?? 'unclassified'];
}

/** Which ways a feature may be driven, relative to its drawing direction. */
export function roadDirections(properties: RoadFeature['properties']): {
  forward: boolean;
  backward: boolean;
} {
  const oneway = properties.oneway;
  if (oneway === true || oneway === 'yes') return { forward: true, backward: false };
  if (oneway === '-1') return { forward: false, backward: true };
  return { forward: true, backward: true };
}

export class RoadsFileError extends Error {
  override readonly name = 'RoadsFileError';
}

/** Validates an already parsed road network; throws RoadsFileError naming every bad field. */
export function parseRoadsFile(data: unknown, file = '(inline)'): RoadsFile {
  const parsed = RoadsFile.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues
      .slice(0, 20)
      .map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    const more =
      parsed.error.issues.length > 20 ? `\n  … ${parsed.error.issues.length - 20} more` : '';
    throw new RoadsFileError(`road network ${file} is invalid\n${lines.join('\n')}${more}`);
  }
  return parsed.data;
}

/** Reads the road network file (GeoJSON) once, at start-up. */
export function loadRoadsFile(path: string): RoadsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new RoadsFileError(`road network ${path} cannot be read (${(err as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new RoadsFileError(`road network ${path} is not JSON (${(err as Error).message})`);
  }
  return parseRoadsFile(data, path);
}
