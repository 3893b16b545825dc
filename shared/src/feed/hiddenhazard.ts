import { z } from 'zod';
import { Crs, LocalId, ObservedAt, PointGeometry } from './common';

/** Key sectors of the plan (重点行业领域); `other` for everything else. */
export const HiddenHazardSector = z.enum([
  'hazardous_chemicals',
  'metal_smelting',
  'construction',
  'road_transport',
  'special_equipment',
  'gas',
  'crowded_places',
  'other',
]);
export type HiddenHazardSector = z.infer<typeof HiddenHazardSector>;

/**
 * Where a hidden hazard was found: the enterprise's own check (企业自查, over MQTT), a department's
 * inspection (部门检查) or a third party's (第三方检查), both entered by supervision staff, or a
 * member of the public (群众举报, the tip-off endpoint).
 */
export const HiddenHazardSource = z.enum(['self_check', 'department', 'third_party', 'tip_off']);
export type HiddenHazardSource = z.infer<typeof HiddenHazardSource>;

/** What describes a hidden hazard when it is reported, whoever reports it. */
export const HiddenHazardReport = {
  /** The enterprise (or place) the hazard is at. */
  enterprise: z.string().trim().min(1).max(200),
  /** The hazard (major hazard source) it concerns, `{agency}:{id}`, if any. */
  siteId: z.string().min(3).max(140).optional(),
  sector: HiddenHazardSector,
  description: z.string().trim().min(1).max(4_000),
  address: z.string().max(300).optional(),
};

/**
 * `cc/v1/{agency}/hiddenhazard`: a hidden hazard an enterprise found in its own check (企业自查),
 * from its dual-prevention system (双重预防机制). The enterprise is the publishing agency; a
 * message with an id already stored is a duplicate or refused as stale (it never moves the stage:
 * only supervision staff's commands do).
 */
export const HiddenHazardMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  crs: Crs.default('WGS84'),
  ...HiddenHazardReport,
  /** Who found it (inspector's name or post). */
  reportedBy: z.string().trim().min(1).max(100).optional(),
  location: PointGeometry,
});
export type HiddenHazardMessage = z.infer<typeof HiddenHazardMessage>;
