import { z } from 'zod';
import { RiskLevel } from '../feed/riskarea';

/** Where α's head count came from (GB 18218-2018 表5: people within 500 m of the site). */
export const AlphaSource = z.enum(['places', 'residents', 'places+residents', 'none']);
export type AlphaSource = z.infer<typeof AlphaSource>;

/**
 * A hazard's GB 18218-2018 assessment as ingest last computed it from live state: R and the
 * grade from the tanks' levels (or the registered tonnes), beside the registered grade.
 */
export const Assessment = z.object({
  /** α · Σ βᵢ · qᵢ / Qᵢ. */
  R: z.number(),
  /** Σ qᵢ / Qᵢ: 1 or more makes a major hazard source. */
  S: z.number(),
  /** The live grade (1 一级 … 4 四级); null: below the identification threshold (S < 1). */
  grade: z.number().int().min(1).max(4).nullable(),
  registeredGrade: z.number().int().min(1).max(4),
  alpha: z.number(),
  /** People counted for α, and where they were counted. */
  people: z.number().int(),
  alphaSource: AlphaSource,
  terms: z.array(
    z.object({
      substance: z.string(),
      cas: z.string().optional(),
      q: z.number(),
      Q: z.number(),
      beta: z.number(),
      /** 1: Q named in 表1; 2: Q of the chemical's 表2 category. */
      table: z.union([z.literal(1), z.literal(2)]),
      source: z.enum(['tanks', 'registered']),
    }),
  ),
  /** The tanks as measured: level (%) when their sensor has reported, contents in tonnes. */
  tanks: z.array(
    z.object({
      id: z.string(),
      name: z.string().optional(),
      substance: z.string(),
      level: z.number().optional(),
      tonnes: z.number(),
    }),
  ),
  /** Chemicals on the register the tables do not cover (not counted). */
  uncovered: z.array(z.string()),
  /** When it was computed, epoch ms. */
  at: z.number(),
});
export type Assessment = z.infer<typeof Assessment>;

/** Why a colour is raised (or, for an area, which enterprise raised it). */
export const RiskReasonCode = z.enum([
  /** An active second-stage (二级) alarm at the site. */
  'alarm_hh',
  /** An overdue major hidden hazard (重大隐患逾期) of the site or its enterprise. */
  'hidden_hazard_overdue',
  /** An orange or red weather warning in force over the site. */
  'weather_warning',
  /** The live GB 18218 grade is worse than the registered one. */
  'live_grade',
  /** An area: an enterprise inside it is coloured worse than the area's level. */
  'enterprise',
]);
export type RiskReasonCode = z.infer<typeof RiskReasonCode>;

export const RiskReason = z.object({
  code: RiskReasonCode,
  /** What the words need: the sensor and its value, the warning's event and signal... */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type RiskReason = z.infer<typeof RiskReason>;

/** The dynamic four-colour level: the inherent level raised once by each reason. */
export const RiskColour = z.object({
  colour: RiskLevel,
  inherent: RiskLevel,
  /** Where the inherent level comes from: registered, or derived from the registered grade. */
  inherentSource: z.enum(['registered', 'grade']),
  reasons: z.array(RiskReason),
  at: z.number(),
});
export type RiskColour = z.infer<typeof RiskColour>;
