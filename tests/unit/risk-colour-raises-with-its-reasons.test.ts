import { describe, expect, it } from 'vitest';
import {
  areaColour,
  areaContains,
  distanceM,
  enterpriseColour,
  levelOfGrade,
  sameColour,
} from '@cc/shared';

const quiet = { registeredGrade: 3, hhAlarms: [], overdueHiddenHazard: false, warnings: [] };
const alarm = { sensor: 'V-101 液位', metric: 'level', value: 97, unit: '%' };

describe('dynamic four-colour level', () => {
  it('derives the inherent level from the grade when none is registered', () => {
    expect([1, 2, 3, 4].map(levelOfGrade)).toEqual(['red', 'orange', 'yellow', 'blue']);
    const c = enterpriseColour(quiet, 1);
    expect(c).toMatchObject({ colour: 'yellow', inherent: 'yellow', inherentSource: 'grade' });
    expect(c.reasons).toEqual([]);
  });

  it('raises one step for an active 二级 alarm, naming the sensor and value', () => {
    const c = enterpriseColour({ ...quiet, registered: 'orange', hhAlarms: [alarm] }, 1);
    expect(c.colour).toBe('red');
    expect(c.inherentSource).toBe('registered');
    expect(c.reasons).toEqual([{ code: 'alarm_hh', params: alarm }]);
  });

  it('raises one step for an overdue major hidden hazard', () => {
    const c = enterpriseColour({ ...quiet, registered: 'blue', overdueHiddenHazard: true }, 1);
    expect(c.colour).toBe('yellow');
    expect(c.reasons.map((r) => r.code)).toEqual(['hidden_hazard_overdue']);
  });

  it('raises one step for an orange or red weather warning, the red one named first', () => {
    const c = enterpriseColour(
      {
        ...quiet,
        warnings: [
          { event: '暴雨', signal: 'orange' },
          { event: '大风', signal: 'red' },
        ],
      },
      1,
    );
    expect(c.colour).toBe('orange');
    expect(c.reasons).toEqual([
      { code: 'weather_warning', params: { event: '大风', signal: 'red' } },
    ]);
  });

  it('raises one step when the live grade is worse than the registered one, not when better', () => {
    const worse = enterpriseColour({ ...quiet, liveGrade: { grade: 2, R: 57 } }, 1);
    expect(worse.colour).toBe('orange');
    expect(worse.reasons).toEqual([
      { code: 'live_grade', params: { grade: 2, registered: 3, R: 57 } },
    ]);
    expect(enterpriseColour({ ...quiet, liveGrade: { grade: 4, R: 5 } }, 1).colour).toBe('yellow');
    expect(enterpriseColour({ ...quiet, liveGrade: { grade: null, R: 0 } }, 1).colour).toBe(
      'yellow',
    );
  });

  it('adds the raises up but never goes above red, keeping every reason', () => {
    const c = enterpriseColour(
      {
        registered: 'orange',
        registeredGrade: 3,
        hhAlarms: [alarm],
        overdueHiddenHazard: true,
        warnings: [{ event: '暴雨', signal: 'orange' }],
        liveGrade: { grade: 2, R: 60 },
      },
      1,
    );
    expect(c.colour).toBe('red');
    expect(c.reasons.map((r) => r.code)).toEqual([
      'alarm_hh',
      'hidden_hazard_overdue',
      'weather_warning',
      'live_grade',
    ]);
  });

  it('colours an area by its level raised to the worst enterprise inside', () => {
    const c = areaColour(
      'yellow',
      [
        { name: 'A', colour: 'orange' },
        { name: 'B', colour: 'red' },
        { name: 'C', colour: 'blue' },
      ],
      1,
    );
    expect(c.colour).toBe('red');
    expect(c.reasons.map((r) => r.params.name)).toEqual(['B', 'A']);
    expect(areaColour('red', [{ name: 'A', colour: 'orange' }], 1)).toMatchObject({
      colour: 'red',
      reasons: [],
    });
  });

  it('treats a moving value under the same reasons as the same colour', () => {
    const a = enterpriseColour({ ...quiet, hhAlarms: [alarm] }, 1);
    const b = enterpriseColour({ ...quiet, hhAlarms: [{ ...alarm, value: 98 }] }, 2);
    expect(sameColour(a, b)).toBe(true);
    expect(sameColour(a, enterpriseColour(quiet, 3))).toBe(false);
  });

  it('measures 500 m and finds points inside areas with holes', () => {
    expect(distanceM([119.95, 32.0], [119.95, 32.0045])).toBeCloseTo(500, -1);
    const square = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ] as [number, number][];
    const hole = [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ] as [number, number][];
    const area = { type: 'Polygon' as const, coordinates: [square, hole] };
    expect(areaContains(area, [2, 2])).toBe(true);
    expect(areaContains(area, [5, 5])).toBe(false);
    expect(areaContains(area, [12, 2])).toBe(false);
  });
});
