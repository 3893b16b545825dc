import { describe, expect, it } from 'vitest';
import { districtAt, kmBetween, nearestNamed } from '../../client/src/command/place-name';
import { districts } from '../../client/src/map/districts';

describe('a report from the tablet names its place', () => {
  it('names the district a point lies in, from the bundled outlines', () => {
    expect(districtAt([119.96, 31.79], districts)).toBe('天宁区');
    expect(districtAt([119.932, 31.951], districts)).toBe('新北区');
    expect(districtAt([119.5, 31.4], districts)).toBe('溧阳市');
    expect(districtAt([121.47, 31.23], districts)).toBeUndefined();
  });

  it('names the nearest named place within reach, with its distance', () => {
    const named = [
      { name: '春江中心小学', location: [119.936, 31.953] as [number, number] },
      { name: '新北区人民医院', location: [119.945, 31.945] as [number, number] },
    ];
    const near = nearestNamed([119.932, 31.951], named, 3);
    expect(near?.name).toBe('春江中心小学');
    expect(near?.km).toBeCloseTo(kmBetween([119.932, 31.951], [119.936, 31.953]), 6);
    expect(near!.km).toBeGreaterThan(0.4);
    expect(near!.km).toBeLessThan(0.5);
    expect(nearestNamed([119.5, 31.4], named, 3)).toBeUndefined();
  });
});
