import { describe, expect, it } from 'vitest';
import { loadWallConfig, parseWallConfig } from '@cc/shared/node';

describe('wall files', () => {
  it.each([
    'deploy/wall.yaml',
    'demo/wall.demo.yaml',
    'tests/fixtures/wall.test.yaml',
    'tests/fixtures/wall.cameras.test.yaml',
  ])('%s is valid', (file) => {
    const config = loadWallConfig(file);
    expect(config.grid.columns - 2 * config.grid.sideColumns).toBeGreaterThanOrEqual(1);
  });

  it('gives every default when there is no file', () => {
    expect(loadWallConfig('')).toEqual({
      language: 'zh-CN',
      focus: {
        seconds: 20,
        incidentLevels: ['I', 'II'],
        incidentHoldSeconds: 180,
        highHighAlarms: true,
        alarmGrades: [1, 2],
        alarmUnacknowledgedSeconds: 300,
        overviewSeconds: 8,
        chime: false,
      },
      staleAfterSeconds: 10,
      grid: { columns: 4, sideColumns: 1 },
      cameras: { radiusKm: 2, tiles: 4, pinned: [] },
      roster: [],
      viewing: { distanceM: 6, heightM: 2.4, minAngleDeg: 0.3 },
    });
  });

  it('names every bad field', () => {
    expect(() =>
      parseWallConfig(
        { focus: { seconds: 1 }, grid: { columns: 3, sideColumns: 2 }, colour: 'x' },
        'wall.yaml',
      ),
    ).toThrow(/wall file wall.yaml is invalid[\s\S]*focus.seconds[\s\S]*grid[\s\S]*colour/);
    expect(() =>
      parseWallConfig({
        plan: {
          baseYear: 2025,
          baseAccidents: 1,
          baseDeaths: 1,
          lastYear: { accidents: [1], deaths: [] },
        },
      }),
    ).toThrow(/plan.lastYear.accidents/);
    expect(() => loadWallConfig('no/such/wall.yaml')).toThrow(/cannot be read/);
  });
});
