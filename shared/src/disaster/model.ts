import { z } from 'zod';
import { PhotoRef } from '../hiddenhazard/model';

/**
 * Disaster information officers (灾害信息员) and their reports (报灾), after the national
 * natural-disaster statistics system (自然灾害情况统计调查制度): what happened, where, and the
 * figures the system asks for. The bureau verifies each report (核灾) before it counts.
 */

/** 灾种: the hazard types of the statistics system. */
export const DISASTER_HAZARDS = [
  'flood',
  'drought',
  'typhoon',
  'wind_hail',
  'low_temperature',
  'snow',
  'earthquake',
  'geological',
  'forest_fire',
  'other',
] as const;
export const DisasterHazard = z.enum(DISASTER_HAZARDS);
export type DisasterHazard = z.infer<typeof DisasterHazard>;

const count = z.number().int().min(0).max(100_000_000);
const amount = z.number().min(0).max(1e12);

/** The figures of one report; every one a count or an amount, zero when nothing. */
export const DisasterFigures = z.strictObject({
  /** 受灾人口, persons. */
  affected: count.default(0),
  /** 死亡. */
  dead: count.default(0),
  /** 失踪. */
  missing: count.default(0),
  /** 受伤. */
  injured: count.default(0),
  /** 紧急转移安置, persons. */
  relocated: count.default(0),
  /** 倒塌房屋, rooms (间). */
  housesCollapsed: count.default(0),
  /** 损坏房屋, rooms (间). */
  housesDamaged: count.default(0),
  /** 农作物受灾面积, hectares. */
  cropHa: amount.default(0),
  /** 直接经济损失, 万元 (10,000 CNY). */
  lossWanYuan: amount.default(0),
});
export type DisasterFigures = z.infer<typeof DisasterFigures>;

/** The bureau's corrections at verification: only the figures named change (no defaults). */
export const DisasterCorrections = z.strictObject({
  affected: count.optional(),
  dead: count.optional(),
  missing: count.optional(),
  injured: count.optional(),
  relocated: count.optional(),
  housesCollapsed: count.optional(),
  housesDamaged: count.optional(),
  cropHa: amount.optional(),
  lossWanYuan: amount.optional(),
});
export const FIGURE_NAMES = Object.keys(DisasterFigures.shape) as (keyof DisasterFigures)[];

/**
 * The area an officer reports for: a district (GB/T 2260, 6 digits) or a town / township
 * (乡镇街道, 9 digits, whose first six are its district).
 */
export const ReporterArea = z.strictObject({
  code: z.string().regex(/^\d{6}(\d{3})?$/, 'a 6-digit district or 9-digit town code'),
  name: z.string().trim().min(1).max(60),
});
export type ReporterArea = z.infer<typeof ReporterArea>;

/** A report's id: chosen by the officer's phone (a UUID), so a resend is recognised. */
export const DisasterReportId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{7,59}$/, 'letters, digits, "_" or "-", 8 to 60');

const LngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** What an officer sends for a disaster. */
export const DisasterReportFields = z.strictObject({
  hazard: DisasterHazard,
  /** 发生时间, epoch ms. */
  occurredAt: z.number().int().positive(),
  /** WGS-84, from the phone's GPS or a tap on the map. */
  location: LngLat,
  /** How the location was taken. */
  locationSource: z.enum(['gps', 'map']).default('map'),
  figures: DisasterFigures,
  description: z.string().trim().max(2_000).optional(),
  photos: z.array(PhotoRef).max(3).default([]),
});
export type DisasterReportFields = z.infer<typeof DisasterReportFields>;

export const DISASTER_REPORT_STATUSES = ['pending', 'verified', 'rejected', 'merged'] as const;
export const DisasterReportStatus = z.enum(DISASTER_REPORT_STATUSES);
export type DisasterReportStatus = z.infer<typeof DisasterReportStatus>;

export const DisasterStep = z.strictObject({
  at: z.number(),
  by: z.string(),
  action: z.enum(['report', 'verify', 'reject', 'merge', 'link', 'create_incident']),
  note: z.string().optional(),
});

/**
 * A report as stored (`state:disasterreport`): either a disaster (`type: 'disaster'`) or the
 * day's 零报告 (`type: 'zero'`, id `zero-{area}-{date}`, nothing else). `figures` are the
 * figures that count (corrected at verification); `reported` keeps what the officer sent.
 */
export const DisasterReport = z.object({
  id: z.string(),
  type: z.enum(['disaster', 'zero']),
  area: ReporterArea,
  /** The district (6 digits) the report counts for. */
  district: z.string(),
  /** Local date (Asia/Shanghai) it counts for, YYYY-MM-DD. */
  date: z.string(),
  hazard: DisasterHazard.optional(),
  occurredAt: z.number().optional(),
  location: LngLat.optional(),
  locationSource: z.enum(['gps', 'map']).optional(),
  figures: DisasterFigures.optional(),
  reported: DisasterFigures.optional(),
  description: z.string().optional(),
  photos: z.array(PhotoRef).default([]),
  status: DisasterReportStatus,
  reportedBy: z.string(),
  reporterSub: z.string(),
  reportedAt: z.number(),
  verifiedBy: z.string().optional(),
  verifiedAt: z.number().optional(),
  rejectReason: z.string().optional(),
  mergedInto: z.string().optional(),
  incidentId: z.string().optional(),
  history: z.array(DisasterStep).default([]),
  ts: z.number(),
});
export type DisasterReport = z.infer<typeof DisasterReport>;

/** The local date (China Standard Time, UTC+8, no daylight saving) of an instant. Pure. */
export function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The id of an area's 零报告 for a day. */
export function zeroReportId(areaCode: string, date: string): string {
  return `zero-${areaCode}-${date}`;
}

/** Figures summed. Pure. */
export function addFigures(a: DisasterFigures, b: DisasterFigures): DisasterFigures {
  const out = { ...a };
  for (const k of FIGURE_NAMES) out[k] = Math.round((a[k] + b[k]) * 100) / 100;
  return out;
}

export const ZERO_FIGURES: DisasterFigures = DisasterFigures.parse({});

export interface DisasterTotal {
  /** District (6 digits) or town (9 digits) code. */
  code: string;
  name: string;
  reports: number;
  figures: DisasterFigures;
}

/**
 * Totals of the verified disaster reports (merged duplicates and rejected reports left out), per
 * district and per town, optionally only those a predicate keeps. Pure.
 */
export function disasterTotals(
  reports: Iterable<DisasterReport>,
  keep: (r: DisasterReport) => boolean = () => true,
  districtName: (code: string) => string = (c) => c,
): { districts: DisasterTotal[]; towns: DisasterTotal[]; all: DisasterTotal } {
  const districts = new Map<string, DisasterTotal>();
  const towns = new Map<string, DisasterTotal>();
  const all: DisasterTotal = { code: '', name: '', reports: 0, figures: ZERO_FIGURES };
  const add = (map: Map<string, DisasterTotal>, code: string, name: string, f: DisasterFigures) => {
    const held = map.get(code) ?? { code, name, reports: 0, figures: ZERO_FIGURES };
    map.set(code, { ...held, reports: held.reports + 1, figures: addFigures(held.figures, f) });
  };
  for (const r of reports) {
    if (r.type !== 'disaster' || r.status !== 'verified' || !r.figures || !keep(r)) continue;
    add(districts, r.district, districtName(r.district), r.figures);
    if (r.area.code.length === 9) add(towns, r.area.code, r.area.name, r.figures);
    all.reports += 1;
    all.figures = addFigures(all.figures, r.figures);
  }
  const byCode = (a: DisasterTotal, b: DisasterTotal) => a.code.localeCompare(b.code);
  return {
    districts: [...districts.values()].sort(byCode),
    towns: [...towns.values()].sort(byCode),
    all,
  };
}

/**
 * The areas that have sent nothing for `date` (no disaster report and no 零报告). Pure.
 */
export function missingReports(
  areas: readonly ReporterArea[],
  reports: Iterable<DisasterReport>,
  date: string,
): ReporterArea[] {
  const sent = new Set<string>();
  for (const r of reports) if (r.date === date && r.status !== 'rejected') sent.add(r.area.code);
  const seen = new Set<string>();
  return areas.filter((a) => {
    if (seen.has(a.code) || sent.has(a.code)) return false;
    seen.add(a.code);
    return true;
  });
}
