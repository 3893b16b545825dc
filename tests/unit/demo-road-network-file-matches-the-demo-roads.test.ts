import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRoadsFile } from '@cc/shared/node';
import { demoRoadsFile } from '../../demo/src/scenario/roads-file';
import { ROAD_EDGES } from '../../demo/src/scenario/roads';
import { buildRoadNetwork } from '../../server/src/query/roads/network';

const FILE = 'demo/roads.demo.geojson';

describe('the demo road network file', () => {
  it('is the network the demo vehicles drive (npm run demo:roads writes it)', () => {
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(demoRoadsFile());
    expect(loadRoadsFile(FILE).features).toHaveLength(ROAD_EDGES.length);
  });

  it('says it is demo data', () => {
    expect((JSON.parse(readFileSync(FILE, 'utf8')) as { description: string }).description).toMatch(
      /^DEMO DATA/,
    );
  });

  it('is connected: every junction reaches every other', () => {
    const network = buildRoadNetwork(loadRoadsFile(FILE));
    expect(network.stats.droppedNodes).toBe(0);
  });
});
