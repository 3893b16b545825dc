import type { RoadsFile } from '@cc/shared/node';
import { ROAD_EDGES, ROAD_NODES } from './roads';

/** Legs longer than this are the trunk roads between towns; the rest are primary roads. */
const TRUNK_FROM_KM = 12;

function legKm(a: readonly [number, number], b: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const x = (b[0] - a[0]) * Math.cos(((a[1] + b[1]) / 2) * rad);
  return Math.hypot(x, b[1] - a[1]) * 111.195;
}

/**
 * The demo's road network as a ROADS_FILE: the same junctions and straight legs its vehicles
 * drive (`roads.ts`), so the ETAs the server computes follow the roads the simulator uses.
 * Demo data, coarse and not surveyed: `demo/roads.demo.geojson` is written from it
 * (`npm run demo:roads`) and a unit test keeps the two in step.
 */
export function demoRoadsFile(): RoadsFile & { name: string; description: string } {
  return {
    type: 'FeatureCollection',
    name: 'changzhou-demo-roads',
    description:
      'DEMO DATA: a coarse road network of Changzhou for the demo scenario (junctions joined by ' +
      'straight legs, not surveyed roads). Generated from demo/src/scenario/roads.ts by ' +
      '`npm run demo:roads`; not for real dispatch.',
    features: ROAD_EDGES.map(([a, b]) => {
      const from = ROAD_NODES[a];
      const to = ROAD_NODES[b];
      return {
        type: 'Feature' as const,
        geometry: {
          type: 'LineString' as const,
          coordinates: [
            [from[0], from[1]],
            [to[0], to[1]],
          ],
        },
        properties: {
          class: legKm(from, to) > TRUNK_FROM_KM ? ('trunk' as const) : ('primary' as const),
          name: `${a}–${b}`,
        },
      };
    }),
  };
}
