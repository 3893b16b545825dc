import { around } from 'geokdbush';
import { haversineKm, type LonLat } from '../geo';
import type { RoadNetwork } from './network';

/** Off the network — from a unit to the nearest road point, and from there to the incident — by straight line at this speed. */
export const ACCESS_KMH = 20;
/** A point farther than this from every road is off the network: its travel is not timed on roads. */
export const MAX_ACCESS_KM = 3;

export interface TravelRequest {
  id: string;
  from: LonLat;
  /** The vehicle's top speed: it drives each road at the lesser of the road's speed and this. */
  topKmh: number;
  /** Return the way driven, from `from` to the destination. */
  withPath?: boolean;
}

export interface Travel {
  minutes: number;
  /** Along the way driven, access legs included. */
  km: number;
  path?: LonLat[];
}

interface Snap {
  index: number;
  km: number;
}

function snap(network: RoadNetwork, p: LonLat): Snap | undefined {
  const [index] = around(network.points, p[0], p[1], 1, MAX_ACCESS_KM);
  if (index === undefined) return undefined;
  return { index, km: haversineKm(p, [network.lon[index]!, network.lat[index]!]) };
}

/** The slot of the piece the search took from node `from` to node `to`: the fastest between them. */
function pieceBetween({ pieces }: RoadNetwork, from: number, to: number): number {
  let best = -1;
  for (let j = pieces.starts[from]!; j < pieces.starts[from + 1]!; j++) {
    if (pieces.neighbors[j] === to && (best < 0 || pieces.minutes[j]! < pieces.minutes[best]!))
      best = j;
  }
  return best;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Travel from each point to one destination over the network (one Dijkstra from the destination
 * outwards, against the traffic). Each point and the destination join the network at its
 * nearest node, by straight line at ACCESS_KMH; the way is the network's fastest at the roads'
 * speeds, and each vehicle's time along it is at the lesser of the road's speed and its own top
 * speed. A point (or a destination) farther than MAX_ACCESS_KM from the network gets no entry.
 */
export function travelTimes(
  network: RoadNetwork,
  to: LonLat,
  requests: readonly TravelRequest[],
): Map<string, Travel> {
  const out = new Map<string, Travel>();
  const target = requests.length === 0 ? undefined : snap(network, to);
  if (!target) return out;
  const [settled, predecessors] = network.search(target.index);
  // The search keeps its stack between calls and expects its caller to empty it.
  settled.clear();
  const at = (i: number): LonLat => [round6(network.lon[i]!), round6(network.lat[i]!)];
  for (const request of requests) {
    const start = snap(network, request.from);
    if (!start) continue;
    const path: LonLat[] | undefined = request.withPath
      ? [request.from, at(start.index)]
      : undefined;
    let km = 0;
    let minutes = 0;
    let node = start.index;
    let steps = 0;
    while (node !== target.index && steps++ < network.keys.length) {
      // Any predecessor lies on a fastest way; the first will do.
      const next = predecessors[node]?.[0];
      if (next === undefined) break;
      const j = pieceBetween(network, next, node);
      const pieceKm = network.pieces.km[j]!;
      km += pieceKm;
      minutes += (pieceKm / Math.min(network.pieces.kmh[j]!, request.topKmh)) * 60;
      path?.push(at(next));
      node = next;
    }
    if (node !== target.index) continue;
    const access = start.km + target.km;
    km += access;
    minutes += (access / Math.min(ACCESS_KMH, request.topKmh)) * 60;
    path?.push(to);
    out.set(request.id, path ? { minutes, km, path } : { minutes, km });
  }
  return out;
}
