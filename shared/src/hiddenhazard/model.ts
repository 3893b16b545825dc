import { z } from 'zod';
import { HiddenHazardSector, HiddenHazardSource } from '../feed/hiddenhazard';

/**
 * The stages of the closed loop (隐患排查治理闭环): 排查上报 → 建档 → 评估 → 整改 → 验收 →
 * (重大: 挂牌督办) → 销号.
 */
export const HH_STAGES = [
  'reported',
  'filed',
  'assessed',
  'rectifying',
  'verifying',
  'verified',
  'supervised',
  'closed',
] as const;
export const HiddenHazardStage = z.enum(HH_STAGES);
export type HiddenHazardStage = z.infer<typeof HiddenHazardStage>;

/** The grade assessed: 一般隐患 (general) or 重大隐患 (major). */
export const HiddenHazardGrade = z.enum(['general', 'major']);
export type HiddenHazardGrade = z.infer<typeof HiddenHazardGrade>;

/** A photo kept by the server on disk: the item holds only its reference. */
export const PhotoRef = z.strictObject({
  id: z.string().regex(/^[a-f0-9-]{36}\.(jpg|png|webp)$/, 'a photo id the upload returned'),
});
export type PhotoRef = z.infer<typeof PhotoRef>;

/** 整改: the plan, who answers for it, by when, with what money. */
export const Rectification = z.strictObject({
  plan: z.string().trim().min(1).max(2_000),
  responsible: z.string().trim().min(1).max(100),
  /** Epoch ms; past it, an item not yet verified is overdue (逾期). */
  deadline: z.number().int().positive(),
  /** Funds set aside, CNY. */
  funds: z.number().min(0).max(1e10).optional(),
});
export type Rectification = z.infer<typeof Rectification>;

/** 挂牌督办: which department supervises, who, by when. */
export const Supervision = z.strictObject({
  department: z.string().trim().min(1).max(100),
  supervisor: z.string().trim().min(1).max(100),
  deadline: z.number().int().positive(),
});
export type Supervision = z.infer<typeof Supervision>;

/** One step of an item's history: who did what, when, moving it from one stage to another. */
export const HiddenHazardStep = z.object({
  at: z.number(),
  by: z.string(),
  role: z.string(),
  action: z.string(),
  from: HiddenHazardStage.optional(),
  to: HiddenHazardStage,
  note: z.string().optional(),
  photos: z.array(PhotoRef).optional(),
});
export type HiddenHazardStep = z.infer<typeof HiddenHazardStep>;

/** A hidden hazard (隐患) as stored and shown: WGS-84, its stage and its full history. */
export const HiddenHazard = z.object({
  /** `{agency}:{id}` for self-checks; `cc:{id}` for items entered by staff or tip-offs. */
  id: z.string(),
  /** The enterprise's agency id: its account may act on the item (evidence); absent = none. */
  agency: z.string().optional(),
  enterprise: z.string(),
  siteId: z.string().optional(),
  sector: HiddenHazardSector,
  source: HiddenHazardSource,
  description: z.string(),
  address: z.string().optional(),
  location: z.tuple([z.number(), z.number()]),
  /** GB/T 2260 district code the location lies in, if any. */
  district: z.string().optional(),
  stage: HiddenHazardStage,
  grade: HiddenHazardGrade.optional(),
  rectification: Rectification.optional(),
  supervision: Supervision.optional(),
  photos: z.array(PhotoRef).default([]),
  reportedAt: z.number(),
  reportedBy: z.string().optional(),
  /** Since when its deadline has passed without verification (逾期); absent = not overdue. */
  overdueSince: z.number().optional(),
  closedAt: z.number().optional(),
  history: z.array(HiddenHazardStep),
  /** Last change, epoch ms. */
  ts: z.number(),
});
export type HiddenHazard = z.infer<typeof HiddenHazard>;
