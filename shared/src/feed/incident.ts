import { z } from 'zod';
import { Crs, LocalId, ObservedAt, PointGeometry } from './common';
import { AreaGeometry } from './geometry';

export const IncidentType = z.enum([
  'fire',
  'explosion',
  'hazmat_leak',
  'flood',
  'waterlogging',
  'landslide',
  'traffic',
  'building_collapse',
  'earthquake',
  'other',
]);
export type IncidentType = z.infer<typeof IncidentType>;

/** The four categories of public emergencies (突发事件). */
export const IncidentCategory = z.enum([
  'natural_disaster',
  'accident_disaster',
  'public_health',
  'social_safety',
]);

/** I 特别重大 > II 重大 > III 较大 > IV 一般. */
export const IncidentLevel = z.enum(['I', 'II', 'III', 'IV']);
export type IncidentLevel = z.infer<typeof IncidentLevel>;

/** 0 for level I, the most severe, up to 3 for level IV: sort or compare by it. */
export function incidentLevelRank(level: IncidentLevel): number {
  return IncidentLevel.options.indexOf(level);
}

export const IncidentStatus = z.enum([
  'reported',
  'verified',
  'responding',
  'controlled',
  'closed',
]);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

const count = z.number().int().min(0).max(1_000_000).default(0);
export const Casualties = z.strictObject({
  dead: count,
  injured: count,
  missing: count,
  trapped: count,
});
export type Casualties = z.infer<typeof Casualties>;

/** `cc/v1/{agency}/incident`: an emergency as reported and followed by an agency. */
export const IncidentMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  crs: Crs.default('WGS84'),
  type: IncidentType,
  category: IncidentCategory,
  level: IncidentLevel,
  status: IncidentStatus,
  title: z.string().min(1).max(200),
  description: z.string().max(4_000).optional(),
  address: z.string().max(300).optional(),
  casualties: Casualties.default({ dead: 0, injured: 0, missing: 0, trapped: 0 }),
  location: PointGeometry,
  /** The affected area, when known (a flooded zone, an evacuation perimeter). */
  area: AreaGeometry.optional(),
});
export type IncidentMessage = z.infer<typeof IncidentMessage>;
