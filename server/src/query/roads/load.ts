import { loadRoadsFile, type Logger } from '@cc/shared/node';
import { buildRoadNetwork, type RoadNetwork } from './network';

/**
 * Reads ROADS_FILE and builds its search graph once, at start-up, logging how long that took
 * and what was kept; no file = no network (straight-line estimates). A bad file stops the server.
 */
export function loadRoadNetwork(file: string, log: Logger): RoadNetwork | undefined {
  if (!file) {
    log.info('no road network (ROADS_FILE is empty): travel times are straight-line estimates');
    return undefined;
  }
  const started = performance.now();
  const network = buildRoadNetwork(loadRoadsFile(file));
  log.info(
    { file, ...network.stats, buildMs: Math.round(performance.now() - started) },
    'road network built',
  );
  if (network.stats.droppedNodes > 0)
    log.warn(
      { droppedNodes: network.stats.droppedNodes },
      'road network: positions not connected both ways to its largest part are left out',
    );
  return network;
}
