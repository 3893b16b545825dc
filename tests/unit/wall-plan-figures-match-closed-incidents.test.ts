import { describe, expect, it } from 'vitest';
import { Incident, IncidentMessage, planProgress, type PlanTargets } from '@cc/shared';
import { loadWallConfig } from '@cc/shared/node';
import { closedIncidentsFixture } from '../fixtures/closed-incidents';

/** What ingest stores for an incident message (WGS-84 input): the entity the client holds. */
function stored(message: Record<string, unknown>): Incident {
  const { crs, ...m } = IncidentMessage.parse(message);
  expect(crs).toBe('WGS84');
  return Incident.parse({
    ...m,
    id: `ent-test:${m.id}`,
    agency: 'ent-test',
    ts: Date.parse(m.ts),
    location: m.location.coordinates,
  });
}

const plan: PlanTargets = loadWallConfig('tests/fixtures/wall.test.yaml').plan!;
/** 15 March, noon, China Standard Time. */
const MID_MARCH = Date.parse('2026-03-15T12:00:00+08:00');

describe('plan targets', () => {
  it('count closed production-safety accidents of this year, their deaths and the major ones', () => {
    const now = Date.now();
    const { messages, expected } = closedIncidentsFixture(now);
    const p = planProgress(messages.map(stored), plan, now);
    expect(p.accidents.ytd).toBe(expected.accidents);
    expect(p.deaths.ytd).toBe(expected.deaths);
    expect(p.majorAccidents).toBe(expected.majorAccidents);
  });

  it('compare with last year month by month, this month pro rata, in China Standard Time', () => {
    const p = planProgress([], plan, MID_MARCH);
    // January 7 + February 6 + 15/31 of March's 9.
    expect(p.accidents.lastYearSamePeriod).toBe(Math.round(7 + 6 + (9 * 15) / 31));
    expect(p.deaths.lastYearSamePeriod).toBe(Math.round(6 + 4 + (7 * 15) / 31));
    expect(p.accidents.changePct).toBe(-100);
    // 1 January 00:30 CST is still 31 December in UTC: already the new year here.
    expect(planProgress([], plan, Date.parse('2026-01-01T00:30:00+08:00')).year).toBe(2026);
  });

  it('set the ceiling at the baseline less the reduction, rounded down, and judge the pace', () => {
    const p = planProgress([], plan, MID_MARCH);
    expect(p.accidents.annualTarget).toBe(70);
    expect(p.deaths.annualTarget).toBe(56);
    expect(p.accidents.onTrack).toBe(true);
    const many = Array.from({ length: 30 }, (_, i) =>
      stored({
        id: `a${i}`,
        ts: new Date(MID_MARCH - i * 3_600_000).toISOString(),
        type: 'fire',
        category: 'accident_disaster',
        level: 'IV',
        status: 'closed',
        title: 't',
        location: { type: 'Point', coordinates: [119.9, 31.8] },
      }),
    );
    // 30 accidents by mid-March is past 70 × (73.5 / 365) ≈ 14 to date.
    expect(planProgress(many, plan, MID_MARCH).accidents.onTrack).toBe(false);
  });
});
