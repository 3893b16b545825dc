import { z } from 'zod';
import { Crs, LocalId, ObservedAt } from './common';
import { AreaGeometry } from './geometry';

/** Meteorological warning signal colours (预警信号), least to most severe. */
export const WarningSignal = z.enum(['blue', 'yellow', 'orange', 'red']);
export type WarningSignal = z.infer<typeof WarningSignal>;

/** CAP 1.2 vocabularies, lower-cased. */
export const CapMsgType = z.enum(['alert', 'update', 'cancel']);
export const CapSeverity = z.enum(['extreme', 'severe', 'moderate', 'minor', 'unknown']);
export const CapUrgency = z.enum(['immediate', 'expected', 'future', 'past', 'unknown']);
export const CapCertainty = z.enum(['observed', 'likely', 'possible', 'unlikely', 'unknown']);

/** A circle, as CAP gives it: centre and radius in kilometres. */
export const CircleArea = z.strictObject({
  center: z.tuple([z.number().finite(), z.number().finite()]),
  radiusKm: z.number().finite().positive().max(2_000),
});

export const WarningArea = z
  .strictObject({
    description: z.string().min(1).max(500),
    geometry: AreaGeometry.optional(),
    circle: CircleArea.optional(),
    /** Administrative division codes (GB/T 2260), e.g. 320411 for Xinbei district. */
    geocodes: z
      .array(z.string().regex(/^\d{6,12}$/))
      .max(100)
      .optional(),
  })
  .refine((a) => a.geometry ?? a.circle ?? a.geocodes?.length, {
    message: 'an area needs a geometry, a circle or geocodes',
  });
export type WarningArea = z.infer<typeof WarningArea>;

/**
 * `cc/v1/{agency}/warning` as JSON: the content of a CAP 1.2 alert. An `update` or `cancel` names
 * the warning it replaces by `id` (the same id) or in `references`. `areas` is required of an
 * alert (checked by ingest, so the one schema serves every message type); an update without it
 * keeps the areas of the warning it updates, a cancel needs none.
 */
export const WarningMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  crs: Crs.default('WGS84'),
  msgType: CapMsgType.default('alert'),
  /** Ids of earlier messages this one updates or cancels. */
  references: z.array(LocalId).max(50).optional(),
  event: z.string().min(1).max(100),
  signal: WarningSignal,
  severity: CapSeverity.default('unknown'),
  urgency: CapUrgency.default('unknown'),
  certainty: CapCertainty.default('unknown'),
  headline: z.string().min(1).max(300),
  description: z.string().max(4_000).optional(),
  instruction: z.string().max(4_000).optional(),
  onset: ObservedAt.optional(),
  /** When the warning leaves the picture by itself. */
  expires: ObservedAt,
  areas: z.array(WarningArea).min(1).max(50).optional(),
});
export type WarningMessage = z.infer<typeof WarningMessage>;
