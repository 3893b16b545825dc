import { z } from 'zod';
import { IncidentLevel } from '../feed/incident';
import { ReviewConfig } from '../review/model';

const monthly = z.array(z.number().int().min(0)).length(12);

/**
 * The plan's production-safety targets (安全生产目标) and the baselines they are measured
 * against. The figures of past years come from configuration; this year's are counted from
 * closed incidents.
 */
export const PlanTargets = z.strictObject({
  /** The plan period's baseline year (e.g. the last year of the previous plan). */
  baseYear: z.number().int().min(2000).max(2100),
  /** Production-safety accidents and deaths in the baseline year. */
  baseAccidents: z.number().int().min(0),
  baseDeaths: z.number().int().min(0),
  /** Reduction the plan asks for by its end, percent (30 = down 30%). */
  reductionPct: z.number().min(0).max(100).default(30),
  /** Last year's accidents and deaths month by month, January first: the "same period" figures. */
  lastYear: z.strictObject({ accidents: monthly, deaths: monthly }),
});
export type PlanTargets = z.infer<typeof PlanTargets>;

/** One line of the duty roster (值班表). */
export const RosterEntry = z.strictObject({
  /** The post: 带班领导, 值班长, 值班员… */
  duty: z.string().min(1).max(40),
  name: z.string().min(1).max(40),
  phone: z.string().max(40).optional(),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

/** How the video wall behaves; served to screens by `GET /api/v1/wall`. */
export const WallConfig = z.strictObject({
  /** Default language of the wall (a `?lang=` in the address wins). */
  language: z.enum(['zh-CN', 'en']).default('zh-CN'),
  focus: z
    .strictObject({
      /** How long the map stays on an alarm (and its banner and detail show), seconds. */
      seconds: z.number().min(3).max(600).default(20),
      /**
       * Incident levels that take the map to a new incident (escalations and rising casualties
       * take it too); empty: no incident takes the map (an overview-only wall).
       */
      incidentLevels: z.array(IncidentLevel).default(['I', 'II']),
      /**
       * How long a serious incident holds the map when nobody acknowledges it on a tablet,
       * seconds; an acknowledgement (`incident.acknowledge`) releases it at once.
       */
      incidentHoldSeconds: z.number().min(3).max(3_600).default(180),
      /** Whether a second-stage (high-high) alarm takes the map to its hazard. */
      highHighAlarms: z.boolean().default(true),
      /** Hazard grades (GB 18218, 1 the most dangerous) whose high-high alarms take the map. */
      alarmGrades: z.array(z.number().int().min(1).max(4)).default([1, 2]),
      /**
       * An active alarm nobody has acknowledged for this long takes the map once, seconds; 0 never.
       */
      alarmUnacknowledgedSeconds: z.number().min(0).max(86_400).default(300),
      /** The whole-city view shows at least this long between two focuses, seconds. */
      overviewSeconds: z.number().min(0).max(600).default(8),
      /** A short chime when a focus starts (the browser must allow audio without a click). */
      chime: z.boolean().default(false),
    })
    .prefault({}),
  /** No message (data or heartbeat) for this long marks the whole wall stale, seconds. */
  staleAfterSeconds: z.number().min(2).max(600).default(10),
  /**
   * Tiled walls: the screen is `columns` equal tiles wide; the side panels take `sideColumns`
   * tiles each at left and right and the map the tiles between, so nothing straddles a bezel.
   */
  grid: z
    .strictObject({
      columns: z.number().int().min(3).max(12).default(4),
      sideColumns: z.number().int().min(1).max(4).default(1),
    })
    .refine((g) => g.columns - 2 * g.sideColumns >= 1, {
      message: 'the map needs at least one column between the side panels',
    })
    .prefault({}),
  /**
   * Video tiles beside the focus banner: while the wall focuses on an incident, the nearest
   * working cameras within `radiusKm` play, up to `tiles`; `pinned` camera ids (`{agency}:{id}`)
   * take the first tiles whatever is focused.
   */
  cameras: z
    .strictObject({
      radiusKm: z.number().min(0.1).max(50).default(2),
      tiles: z.number().int().min(1).max(4).default(4),
      pinned: z.array(z.string().min(3).max(100)).max(4).default([]),
    })
    .prefault({}),
  roster: z.array(RosterEntry).max(12).default([]),
  plan: PlanTargets.optional(),
  /** The period review's (`/review`) response-interval targets; defaults when absent. */
  review: ReviewConfig.optional(),
  /**
   * How far the hall watches the wall from and how tall its picture is: together they give the
   * smallest text the wall may print (docs/wall.md, "Legibility across the hall").
   */
  viewing: z
    .strictObject({
      /** The farthest seat that must read the wall, metres from the screen. */
      distanceM: z.number().min(0.5).max(100).default(6),
      /** The physical height of the picture the browser fills, metres. */
      heightM: z.number().min(0.1).max(20).default(2.4),
      /** The smallest angle a character may subtend at that distance, degrees. */
      minAngleDeg: z.number().min(0.1).max(1).default(0.3),
    })
    .prefault({}),
});
export type WallConfig = z.infer<typeof WallConfig>;

/** A feed as the wall shows it: healthy or silent, without the counters. */
export const WallFeed = z.object({
  agency: z.string(),
  /** The agency's name from the agencies file, when the server has one. */
  name: z.string().optional(),
  lastMessageAt: z.number().nullable(),
  /** Quiet longer than its bound (`FEED_SILENT_INTERVALS` × its expected interval, or 60 s). */
  silent: z.boolean(),
  /** `never` (nothing received yet: grey, not a failure), `silent` (red) or `ok`. */
  state: z.enum(['ok', 'silent', 'never']),
  /** The agency's declared interval (agencies file), seconds. */
  expectedIntervalSeconds: z.number().optional(),
  /** Stored positions or areas outside the service area in the last ten minutes. */
  outsideArea: z.boolean().optional(),
});
export type WallFeed = z.infer<typeof WallFeed>;

/** `GET /api/v1/wall`: the wall's configuration and the feeds' health, for `read:picture`. */
export const WallResponse = z.object({
  at: z.number(),
  config: WallConfig,
  feeds: z.array(WallFeed),
});
export type WallResponse = z.infer<typeof WallResponse>;
