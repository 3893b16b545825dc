import KDBush from 'kdbush';
import Graph from 'graphology';
import { bfsFromNode } from 'graphology-traversal';
// graphology's Dijkstra over a typed-array index (what graphology-metrics' betweenness uses): its
// documented singleSource builds a new array per node and is several times too slow for a query.
import { createDijkstraIndexedBrandes } from 'graphology-shortest-path/indexed-brandes';
import type { WeightedNeighborhoodIndex } from 'graphology-indices/neighborhood';
import { roadDirections, roadSpeedKmh, type RoadsFile } from '@cc/shared/node';
import { haversineKm, type LonLat } from '../geo';

/**
 * Longer legs are cut into pieces of at most this length at build, so a point snapped to the
 * nearest junction or cut of a road is never more than half of it along the road from where it
 * would join (coarse networks draw long straight legs).
 */
export const MAX_SEGMENT_KM = 0.2;

/**
 * An edge of the search graph: one piece of road, undirected when it may be driven both ways,
 * else directed against the driving direction.
 */
export interface RoadEdge {
  km: number;
  kmh: number;
  /** km / kmh, in minutes: the search's weight. */
  minutes: number;
}

/**
 * A road network ready for queries: a graph whose one-way edges point against the driving
 * direction (a search from an incident outwards finds every unit's way *to* it), kept to its
 * largest strongly connected part so that every snapped point can reach every other.
 */
export interface RoadNetwork {
  graph: Graph<Record<string, never>, RoadEdge>;
  /** Node keys and positions by the search index's node order. */
  keys: readonly string[];
  lon: Float64Array;
  lat: Float64Array;
  /** The nearest-node index over the same order. */
  points: KDBush;
  /** One-to-all Dijkstra from a node index; its result is valid until the next call. */
  search: ReturnType<typeof createDijkstraIndexedBrandes>;
  /**
   * The search's own adjacency (node index → its pieces `starts[i]`…`starts[i + 1]`, each to
   * `neighbors[j]` taking `minutes[j]`), with each piece's length and speed beside it: a way is
   * read back from the search's predecessors without a lookup in the graph.
   */
  pieces: {
    starts: ArrayLike<number>;
    neighbors: ArrayLike<number>;
    minutes: Float64Array;
    km: Float64Array;
    kmh: Float64Array;
  };
  stats: { features: number; nodes: number; edges: number; droppedNodes: number };
}

/**
 * The largest set of nodes that can all reach one another: the part around a node is what it
 * reaches both ways (two breadth-first walks; graphology-components' Tarjan recurses once per
 * node and overflows the stack on a city's network). On a road network the main part holds
 * nearly everything, so the walks from its best-connected node settle it.
 */
function largestStronglyConnected(graph: Graph<Record<string, never>, RoadEdge>) {
  let best = new Set<string>();
  const assigned = new Set<string>();
  // The best-connected node first; then the others in order, while a larger part could remain.
  let hub = '';
  graph.forEachNode((key) => {
    if (hub === '' || graph.degree(key) > graph.degree(hub)) hub = key;
  });
  for (const root of [hub, ...graph.nodes()]) {
    // No part still to find can be larger than the nodes not yet in one.
    if (best.size >= graph.order - assigned.size) break;
    if (assigned.has(root)) continue;
    const forward = new Set<string>();
    bfsFromNode(graph, root, (key) => void forward.add(key), { mode: 'outbound' });
    const part = new Set<string>();
    bfsFromNode(graph, root, (key) => void (forward.has(key) && part.add(key)), {
      mode: 'inbound',
    });
    for (const key of part) assigned.add(key);
    if (part.size > best.size) best = part;
  }
  return best;
}

/**
 * Each piece's length and speed in the slots of the search's index, which lists every node's
 * outbound edges in `graph.outboundEdges` order; checked slot by slot, so a change in the
 * library's layout stops the server at start rather than mistiming routes.
 */
function piecesOf(
  graph: Graph<Record<string, never>, RoadEdge>,
  index: WeightedNeighborhoodIndex,
): RoadNetwork['pieces'] {
  const { starts, neighborhood: neighbors, weights: minutes } = index;
  const km = new Float64Array(minutes.length);
  const kmh = new Float64Array(minutes.length);
  const at = new Map(index.nodes.map((key, i) => [key, i]));
  index.nodes.forEach((key, i) => {
    let j = starts[i]!;
    for (const edge of graph.outboundEdges(key)) {
      const piece = graph.getEdgeAttributes(edge);
      if (neighbors[j] !== at.get(graph.opposite(key, edge)) || minutes[j] !== piece.minutes)
        throw new Error('graphology-indices lays out its neighbourhood index differently');
      km[j] = piece.km;
      kmh[j++] = piece.kmh;
    }
  });
  return { starts, neighbors, minutes, km, kmh };
}

const keyOf = (p: LonLat) => `${p[0].toFixed(6)},${p[1].toFixed(6)}`;

/**
 * Builds the search graph from a road network file (pure: no I/O). Lines join where they share a
 * position; a feature's speed is its `speed_kmh` or its class's; `oneway` limits the direction.
 */
export function buildRoadNetwork(file: RoadsFile): RoadNetwork {
  const graph = new Graph<Record<string, never>, RoadEdge>();
  const positions = new Map<string, LonLat>();
  const node = (p: LonLat): string => {
    const key = keyOf(p);
    if (!positions.has(key)) {
      positions.set(key, p);
      graph.addNode(key);
    }
    return key;
  };
  // One-way pieces are stored as to → from: the search runs from the destination, against the traffic.
  const addOneWay = (from: string, to: string, edge: RoadEdge) => {
    const existing = graph.directedEdge(to, from);
    if (existing === undefined) graph.addDirectedEdge(to, from, edge);
    else if (edge.minutes < graph.getEdgeAttribute(existing, 'minutes'))
      graph.replaceEdgeAttributes(existing, edge);
  };
  const addTwoWay = (a: string, b: string, edge: RoadEdge) => {
    const existing = graph.undirectedEdge(a, b);
    if (existing === undefined) graph.addUndirectedEdge(a, b, edge);
    else if (edge.minutes < graph.getEdgeAttribute(existing, 'minutes'))
      graph.replaceEdgeAttributes(existing, edge);
  };

  for (const feature of file.features) {
    const kmh = roadSpeedKmh(feature.properties);
    const { forward, backward } = roadDirections(feature.properties);
    const lines =
      feature.geometry.type === 'LineString'
        ? [feature.geometry.coordinates]
        : feature.geometry.coordinates;
    for (const line of lines) {
      for (let i = 1; i < line.length; i++) {
        const a: LonLat = [line[i - 1]![0]!, line[i - 1]![1]!];
        const b: LonLat = [line[i]![0]!, line[i]![1]!];
        const pieces = Math.max(1, Math.ceil(haversineKm(a, b) / MAX_SEGMENT_KM));
        let prev = node(a);
        for (let k = 1; k <= pieces; k++) {
          const f = k / pieces;
          const next = node(
            k === pieces ? b : [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f],
          );
          const km = haversineKm(positions.get(prev)!, positions.get(next)!);
          const edge = { km, kmh, minutes: (km / kmh) * 60 };
          if (prev !== next) {
            if (forward && backward) addTwoWay(prev, next, edge);
            else if (forward) addOneWay(prev, next, edge);
            else addOneWay(next, prev, edge);
          }
          prev = next;
        }
      }
    }
  }

  const totalNodes = graph.order;
  const kept = largestStronglyConnected(graph);
  graph.forEachNode((key) => {
    if (!kept.has(key)) graph.dropNode(key);
  });

  if (graph.order < 2) throw new Error('the road network has no two positions joined by a road');
  const search = createDijkstraIndexedBrandes(graph, 'minutes');
  // The typings put `index` on the factory; it is on the function it returns.
  const index = (search as typeof search & { index: WeightedNeighborhoodIndex }).index;
  const keys = index.nodes;
  const pieces = piecesOf(graph, index);
  const lon = new Float64Array(keys.length);
  const lat = new Float64Array(keys.length);
  const points = new KDBush(keys.length);
  keys.forEach((key, i) => {
    const p = positions.get(key)!;
    lon[i] = p[0];
    lat[i] = p[1];
    points.add(p[0], p[1]);
  });
  points.finish();
  return {
    graph,
    keys,
    lon,
    lat,
    points,
    search,
    pieces,
    stats: {
      features: file.features.length,
      nodes: graph.order,
      edges: graph.size,
      droppedNodes: totalNodes - graph.order,
    },
  };
}
