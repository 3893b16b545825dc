import { z } from 'zod';
import { Crs, LocalId, ObservedAt } from './common';
import { AreaGeometry } from './geometry';

/** The four-colour safety risk map (安全风险"四色图"): 重大 / 较大 / 一般 / 低风险. */
export const RiskLevel = z.enum(['red', 'orange', 'yellow', 'blue']);
export type RiskLevel = z.infer<typeof RiskLevel>;

/** `cc/v1/{agency}/riskarea`: an area or enterprise graded on the four-colour map. */
export const RiskAreaMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  crs: Crs.default('WGS84'),
  level: RiskLevel,
  name: z.string().min(1).max(200),
  /** The enterprise or area the grade applies to. */
  subject: z.string().max(200).optional(),
  /** Date of the assessment, YYYY-MM-DD. */
  assessedOn: z.iso.date(),
  geometry: AreaGeometry,
});
export type RiskAreaMessage = z.infer<typeof RiskAreaMessage>;
