import type { LngLat } from '@cc/shared';
import { ROAD_EDGES, ROAD_NODES, type RoadNode } from '../scenario/roads';

const EARTH_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

export function haversineKm([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const dLat = rad(lat2 - lat1);
  const dLng = rad(lng2 - lng1);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from `a` to `b`, degrees clockwise from north in [0, 360). */
export function bearingDeg([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const y = Math.sin(rad(lng2 - lng1)) * Math.cos(rad(lat2));
  const x =
    Math.cos(rad(lat1)) * Math.sin(rad(lat2)) -
    Math.sin(rad(lat1)) * Math.cos(rad(lat2)) * Math.cos(rad(lng2 - lng1));
  const deg = (Math.atan2(y, x) * 180) / Math.PI;
  return (deg + 360) % 360;
}

/** A polyline a vehicle drives along, with the distance to each of its points. */
export interface Route {
  points: readonly LngLat[];
  /** Kilometres from the start to each point. */
  cumKm: readonly number[];
  lengthKm: number;
}

export function makeRoute(points: readonly LngLat[]): Route {
  const kept: LngLat[] = [];
  for (const p of points) {
    const last = kept.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) kept.push(p);
  }
  const cumKm = [0];
  for (let i = 1; i < kept.length; i++) {
    cumKm.push((cumKm[i - 1] ?? 0) + haversineKm(kept[i - 1]!, kept[i]!));
  }
  return { points: kept, cumKm, lengthKm: cumKm.at(-1) ?? 0 };
}

/** Where a vehicle is after `km` along the route, and which way it faces. */
export function pointAlong(route: Route, km: number): { at: LngLat; heading: number } {
  const { points, cumKm } = route;
  const first = points[0];
  if (!first) throw new RangeError('an empty route');
  if (points.length === 1) return { at: first, heading: 0 };
  let i = 1;
  while (i < points.length - 1 && (cumKm[i] ?? 0) < km) i++;
  const a = points[i - 1]!;
  const b = points[i]!;
  const start = cumKm[i - 1] ?? 0;
  const leg = (cumKm[i] ?? start) - start;
  const f = leg <= 0 ? 1 : Math.min(1, Math.max(0, (km - start) / leg));
  const at: LngLat = [round6(a[0] + (b[0] - a[0]) * f), round6(a[1] + (b[1] - a[1]) * f)];
  return { at, heading: Math.round(bearingDeg(a, b)) % 360 };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

const NODE_IDS = Object.keys(ROAD_NODES) as RoadNode[];
const NEIGHBOURS = new Map<RoadNode, { to: RoadNode; km: number }[]>();
for (const [a, b] of ROAD_EDGES) {
  const km = haversineKm(ROAD_NODES[a], ROAD_NODES[b]);
  NEIGHBOURS.set(a, [...(NEIGHBOURS.get(a) ?? []), { to: b, km }]);
  NEIGHBOURS.set(b, [...(NEIGHBOURS.get(b) ?? []), { to: a, km }]);
}

export function nearestNode(p: LngLat): RoadNode {
  let best: RoadNode = NODE_IDS[0]!;
  let bestKm = Infinity;
  for (const id of NODE_IDS) {
    const km = haversineKm(p, ROAD_NODES[id]);
    if (km < bestKm) [best, bestKm] = [id, km];
  }
  return best;
}

/** Shortest path between two junctions (Dijkstra over a few dozen nodes). */
export function shortestPath(from: RoadNode, to: RoadNode): RoadNode[] {
  const dist = new Map<RoadNode, number>([[from, 0]]);
  const prev = new Map<RoadNode, RoadNode>();
  const open = new Set<RoadNode>([from]);
  const done = new Set<RoadNode>();
  while (open.size > 0) {
    let node: RoadNode | undefined;
    for (const n of open) if (node === undefined || dist.get(n)! < dist.get(node)!) node = n;
    if (node === undefined || node === to) break;
    open.delete(node);
    done.add(node);
    for (const { to: next, km } of NEIGHBOURS.get(node) ?? []) {
      if (done.has(next)) continue;
      const d = dist.get(node)! + km;
      if (d < (dist.get(next) ?? Infinity)) {
        dist.set(next, d);
        prev.set(next, node);
        open.add(next);
      }
    }
  }
  if (!dist.has(to)) throw new Error(`no road from ${from} to ${to}`);
  const path: RoadNode[] = [to];
  while (path[0] !== from) path.unshift(prev.get(path[0]!)!);
  return path;
}

/** Below this a vehicle drives straight to its target instead of by the trunk roads. */
const DIRECT_KM = 3;

/** The route from `from` to `to` over the road network, starting and ending at the points. */
export function planRoute(from: LngLat, to: LngLat): Route {
  if (haversineKm(from, to) < DIRECT_KM) return makeRoute([from, to]);
  const path = shortestPath(nearestNode(from), nearestNode(to)).map((n) => ROAD_NODES[n]);
  return makeRoute([from, ...path, to]);
}
