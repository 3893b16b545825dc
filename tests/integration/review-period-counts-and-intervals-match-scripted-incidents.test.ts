import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtAt, type PeriodReview } from '@cc/shared';
import type { Redis } from '@cc/shared/node';
import type { RunningServer } from '../../server/src/server';
import { isolate } from '../helpers/isolation';
import type { TestSchema } from '../helpers/postgres';
import { api, startTestServer } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';
import {
  archiveReviewScenario,
  FROM,
  INCIDENTS,
  PLAN,
  reviewWallFile,
  TARGETS,
  TO,
} from '../helpers/review-scenario';

/**
 * The period review over September and October 2026 of a scripted set of archived incidents
 * (tests/helpers/review-scenario.ts): F-1 and F-2 in September, F-3 and P-4 in October; F-0 is
 * reported on 31 August and closes in September.
 */
const iso = isolate('review-period');
let redis: Redis;
let db: TestSchema;
let server: RunningServer;
let r: PeriodReview;

const SEP = FROM;
const OCT = Date.parse('2026-10-01T00:00:00+08:00');

beforeAll(async () => {
  redis = await connectRedis();
  db = await archiveReviewScenario(iso);
  server = await startTestServer(iso, { DATABASE_URL: db.url, WALL_FILE: reviewWallFile() });
  const res = await api(server, `/api/v1/review/period?from=${FROM}&to=${TO}`, 'viewer');
  expect(res.status).toBe(200);
  r = (await res.json()) as PeriodReview;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await db?.drop();
  await dropPrefix(redis, iso.prefix);
  await redis?.close();
});

describe('the period review of September and October 2026', () => {
  it('counts the incidents first reported in the period per month by level, category and district', () => {
    expect(r.months).toEqual([SEP, OCT]);
    expect(r.incidents).toBe(4);
    // The highest level reached: F-1 went IV → III, F-3 III → II.
    expect(r.byLevel).toEqual([
      { key: 'II', counts: [0, 1], total: 1 },
      { key: 'III', counts: [1, 0], total: 1 },
      { key: 'IV', counts: [1, 1], total: 2 },
    ]);
    expect(r.byCategory).toEqual([
      { key: 'natural_disaster', counts: [1, 0], total: 1 },
      { key: 'accident_disaster', counts: [1, 1], total: 2 },
      { key: 'social_safety', counts: [0, 1], total: 1 },
    ]);
    const wujin = districtAt(INCIDENTS[1]!.location)!;
    const xinbei = districtAt(INCIDENTS[2]!.location)!;
    expect(wujin.code).not.toBe(xinbei.code);
    expect(r.byDistrict).toEqual(
      [
        { key: wujin.code, name: wujin.name, counts: [1, 1], total: 2 },
        { key: xinbei.code, name: xinbei.name, counts: [1, 1], total: 2 },
      ].sort((a, b) => a.key.localeCompare(b.key)),
    );
  });

  it('takes the response-interval percentiles (nearest rank) against the configured targets', () => {
    // Report → first dispatch: F-1 60 s, F-2 180 s, F-3 240 s.
    expect(r.intervals.reportToDispatch).toEqual({
      n: 3,
      p50: 180_000,
      p90: 240_000,
      targetMs: TARGETS.reportToDispatchS * 1000,
      onTarget: false,
    });
    // Dispatch → acknowledgement: 20, 40, 30, 90 s.
    expect(r.intervals.dispatchToAcknowledge).toEqual({
      n: 4,
      p50: 30_000,
      p90: 90_000,
      targetMs: TARGETS.dispatchToAcknowledgeS * 1000,
      onTarget: true,
    });
    // Dispatch → on scene: 300, 600, 420 s (F-3's unit never arrived); the default target.
    expect(r.intervals.dispatchToOnScene).toEqual({
      n: 3,
      p50: 420_000,
      p90: 600_000,
      targetMs: 900_000,
      onTarget: true,
    });
  });

  it("counts the plan's accidents and deaths per month beside last year's and the −30 % target", () => {
    const plan = r.plan!;
    expect(plan.year).toBe(2026);
    // floor(20 × 0.7) = 14 accidents, floor(10 × 0.7) = 7 deaths a year.
    expect(plan.annualTargetAccidents).toBe(14);
    expect(plan.annualTargetDeaths).toBe(7);
    expect(plan.months).toHaveLength(12);
    const sep = plan.months[8]!;
    const oct = plan.months[9]!;
    // September: F-0 (1 dead) and F-1 (1 dead) closed; October: F-3 (2 dead).
    expect(sep).toEqual({
      month: SEP,
      accidents: 2,
      deaths: 2,
      lastYearAccidents: PLAN.lastYear.accidents[8],
      lastYearDeaths: PLAN.lastYear.deaths[8],
      targetAccidents: 1.2,
      targetDeaths: 0.6,
    });
    expect(oct).toMatchObject({ month: OCT, accidents: 1, deaths: 2 });
    expect(plan.months[0]).toMatchObject({ accidents: 0, deaths: 0 });
  });

  it('refuses a period longer than 366 days', async () => {
    const res = await api(
      server,
      `/api/v1/review/period?from=${FROM - 400 * 86_400_000}&to=${TO}`,
      'viewer',
    );
    expect(res.status).toBe(400);
  });
});
