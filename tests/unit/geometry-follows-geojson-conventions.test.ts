import { describe, expect, it } from 'vitest';
import { circleToPolygon } from '@cc/shared';
import { labelPoint } from '../../client/src/map/layers/areas';
import { entityBBox, haversineKm } from '../../server/src/query/geo';

/** Twice the signed area of a ring (shoelace): positive when counter-clockwise. */
function signedArea(ring: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  }
  return sum;
}

describe('geometry', () => {
  it('measures straight-line km on the mean Earth radius', () => {
    // The figures the hand-written haversine gave before turf.
    expect(haversineKm([119.9746, 31.7869], [119.9427, 31.7097])).toBeCloseTo(9.0988, 4);
    expect(haversineKm([120, 0], [121, 0])).toBeCloseTo(111.195, 3);
  });

  it('draws a circle as a closed, counter-clockwise ring (RFC 7946) at the radius', () => {
    const center = [119.97, 31.8] as const;
    const ring = circleToPolygon([center[0], center[1]], 5).coordinates[0]!;
    expect(ring).toHaveLength(65);
    expect(ring[64]).toEqual(ring[0]);
    expect(signedArea(ring)).toBeGreaterThan(0);
    for (const p of ring) expect(haversineKm(center, [p[0]!, p[1]!])).toBeCloseTo(5, 3);
  });

  it("boxes everything an entity has on the map, and labels an area at its box's middle", () => {
    const warning = {
      location: [119.5, 31.5],
      areas: [
        { geometry: circleToPolygon([120, 32], 1) },
        {
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [119.2, 31.2],
                  [119.3, 31.2],
                  [119.3, 31.3],
                  [119.2, 31.2],
                ],
              ],
            ],
          },
        },
      ],
    };
    const [w, s, e, n] = entityBBox(warning)!;
    expect([w, s]).toEqual([119.2, 31.2]);
    expect(e).toBeCloseTo(120.0106, 4);
    expect(n).toBeCloseTo(32.009, 3);
    expect(entityBBox({ id: 'x' })).toBeUndefined();
    expect(
      labelPoint([
        [
          [119, 31],
          [121, 31],
          [121, 33],
          [119, 31],
        ],
      ]),
    ).toEqual([120, 32]);
  });
});
