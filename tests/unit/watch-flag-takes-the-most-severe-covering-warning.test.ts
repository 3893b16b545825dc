import { describe, expect, it } from 'vitest';
import { circleToPolygon, covers, watchFor, type LngLat, type Warning } from '@cc/shared';

const SITE: LngLat = [119.93, 31.95];
const NOW = Date.parse('2026-07-10T10:00:00+08:00');

function warning(
  id: string,
  signal: Warning['signal'],
  center: LngLat,
  km: number,
  extra: Partial<Warning> = {},
): Warning {
  return {
    id,
    agency: 'cma',
    ts: NOW - 60_000,
    identifier: id,
    msgType: 'alert',
    event: '暴雨',
    signal,
    severity: 'severe',
    urgency: 'expected',
    certainty: 'likely',
    headline: id,
    expires: NOW + 3_600_000,
    areas: [{ description: 'x', geometry: circleToPolygon(center, km) }],
    ...extra,
  };
}

describe('watch flags', () => {
  it('a warning whose area covers the site flags it with its signal, since now', () => {
    const w = warning('cma:A', 'yellow', SITE, 2);
    expect(covers(w, SITE)).toBe(true);
    expect(watchFor(SITE, [w], undefined, NOW)).toEqual({
      signal: 'yellow',
      warningId: 'cma:A',
      since: NOW,
    });
  });

  it('a warning elsewhere, an expired one and one not yet in force flag nothing', () => {
    expect(
      watchFor(SITE, [warning('cma:A', 'red', [120.3, 31.6], 5)], undefined, NOW),
    ).toBeUndefined();
    expect(
      watchFor(SITE, [warning('cma:B', 'red', SITE, 5, { expires: NOW - 1 })], undefined, NOW),
    ).toBeUndefined();
    expect(
      watchFor(SITE, [warning('cma:C', 'red', SITE, 5, { onset: NOW + 60_000 })], undefined, NOW),
    ).toBeUndefined();
  });

  it('of several covering warnings the most severe signal wins', () => {
    const flag = watchFor(
      SITE,
      [
        warning('cma:Y', 'yellow', SITE, 5),
        warning('cma:R', 'red', SITE, 5),
        warning('cma:B', 'blue', SITE, 5),
      ],
      undefined,
      NOW,
    );
    expect(flag).toMatchObject({ signal: 'red', warningId: 'cma:R' });
  });

  it('a flag that holds keeps its since; a raised signal starts a new one', () => {
    const prev = { signal: 'yellow' as const, warningId: 'cma:A', since: NOW - 600_000 };
    expect(watchFor(SITE, [warning('cma:A', 'yellow', SITE, 5)], prev, NOW)).toBe(prev);
    expect(watchFor(SITE, [warning('cma:A', 'orange', SITE, 5)], prev, NOW)).toEqual({
      signal: 'orange',
      warningId: 'cma:A',
      since: NOW,
    });
  });

  it('between equal signals the flagged warning stays (no flapping between two)', () => {
    const prev = { signal: 'orange' as const, warningId: 'cma:B', since: NOW - 1 };
    const both = [warning('cma:A', 'orange', SITE, 5), warning('cma:B', 'orange', SITE, 5)];
    expect(watchFor(SITE, both, prev, NOW)).toBe(prev);
    expect(watchFor(SITE, both, undefined, NOW)?.warningId).toBe('cma:A');
  });
});
