/**
 * Travel times on a road network, in-process (no stack): a synthetic perturbed grid of 50,244
 * road segments over Changzhou's centre, built as the server builds ROADS_FILE at start, then
 * 100 available units ranked for an incident, as decision support does, for many incidents.
 *
 *   npm run bench:roads     prints the figures and writes bench/results/roads.json, with the
 *                           server's V8 flags (`npm run bench` runs the same phase and puts it
 *                           in its tables; `npm run bench -- --render` takes this file's)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dijkstra } from 'graphology-shortest-path';
import type { Resource } from '@cc/shared';
import { parseRoadsFile, type RoadsFile } from '@cc/shared/node';
import { rankNearest, type NearestCandidate } from '../server/src/query/nearest';
import { SERVER_NODE_FLAGS } from '../server/src/node-flags';
import { buildRoadNetwork } from '../server/src/query/roads/network';

export interface RoadsBench {
  /** Road segments between neighbouring grid points (each drivable both ways unless one-way). */
  segments: number;
  graph: { nodes: number; edges: number };
  /** JSON text → validated file → search graph, wall-clock ms; and the whole in CPU time. */
  build: { parseMs: number; validateMs: number; graphMs: number; totalMs: number; cpuMs: number };
  candidates: number;
  incidents: number;
  /** Ranking 100 candidates for one incident (rankNearest with the network), wall-clock ms. */
  rank: { p50: number; p95: number; p99: number; max: number };
  /** The same in CPU time of this process, ms: less moved by other work on a shared machine. */
  rankCpu: { p50: number; p95: number; p99: number };
  /** The 1-minute load average before and after. */
  load: [number, number];
  /** The alternatives measured on the same graph, ms per incident (medians). */
  alternatives: { singleSourcePathsMs: number; pointToPoint100Ms: number };
}

/** A small seeded generator, so every run ranks the same incidents. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const SIDE = 159;
const WEST = 119.82;
const SOUTH = 31.68;
const STEP_LON = 0.28 / (SIDE - 1);
const STEP_LAT = 0.24 / (SIDE - 1);

/**
 * The grid: every 10th line a primary road, every 5th a secondary, the rest residential streets,
 * one in four of them one-way (alternating directions); junctions jittered by up to ±13 m so no
 * two blocks are alike. Rows and columns are features whose vertices are the junctions.
 */
export function syntheticRoads(seed = 20240601): RoadsFile {
  const rnd = random(seed);
  const jitter = () => (rnd() - 0.5) * 0.00024;
  const at: [number, number][][] = [];
  for (let i = 0; i < SIDE; i++) {
    const row: [number, number][] = [];
    for (let j = 0; j < SIDE; j++)
      row.push([
        +(WEST + j * STEP_LON + jitter()).toFixed(6),
        +(SOUTH + i * STEP_LAT + jitter()).toFixed(6),
      ]);
    at.push(row);
  }
  const properties = (k: number): RoadsFile['features'][number]['properties'] =>
    k % 10 === 0
      ? { class: 'primary' }
      : k % 5 === 0
        ? { class: 'secondary' }
        : k % 4 === 1
          ? { class: 'residential', oneway: k % 8 === 1 ? true : '-1' }
          : { class: 'residential' };
  const features: RoadsFile['features'] = [];
  for (let i = 0; i < SIDE; i++)
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: at[i]! },
      properties: properties(i),
    });
  for (let j = 0; j < SIDE; j++)
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: at.map((row) => row[j]!) },
      properties: properties(j),
    });
  return { type: 'FeatureCollection', features };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

const TYPES: Resource['type'][] = ['fire_engine', 'ambulance', 'rescue_team', 'hazmat_unit'];

export function benchRoads(options: { incidents?: number; log?: (line: string) => void } = {}) {
  const incidents = options.incidents ?? 300;
  const loadBefore = loadavg()[0]!;
  const log = options.log ?? (() => undefined);
  const text = JSON.stringify(syntheticRoads());
  const buildCpu = process.cpuUsage();
  let t = performance.now();
  const json: unknown = JSON.parse(text);
  const parseMs = performance.now() - t;
  t = performance.now();
  const file = parseRoadsFile(json);
  const validateMs = performance.now() - t;
  t = performance.now();
  const network = buildRoadNetwork(file);
  const graphMs = performance.now() - t;
  const builtCpu = process.cpuUsage(buildCpu);
  const cpuMs = (builtCpu.user + builtCpu.system) / 1000;
  const segments = 2 * SIDE * (SIDE - 1);
  log(
    `  ${segments.toLocaleString('en')} segments → ${network.stats.nodes} nodes, ` +
      `${network.stats.edges} edges; parse ${parseMs.toFixed(0)} ms, validate ` +
      `${validateMs.toFixed(0)} ms, graph ${graphMs.toFixed(0)} ms (CPU ${cpuMs.toFixed(0)} ms)`,
  );

  const rnd = random(7);
  const somewhere = (): [number, number] => [
    +(WEST + 0.01 + rnd() * 0.26).toFixed(6),
    +(SOUTH + 0.01 + rnd() * 0.22).toFixed(6),
  ];
  const candidates: NearestCandidate[] = Array.from({ length: 100 }, (_, k) => {
    const location = somewhere();
    const resource: Resource = {
      id: `fire:u${k}`,
      agency: 'fire',
      ts: 1,
      type: TYPES[k % TYPES.length]!,
      name: `unit ${k}`,
      status: 'available',
      location,
    };
    return { resource, location };
  });
  const query = { limit: 100, radiusKm: Infinity };
  // Warm-up: the first calls compile the code paths.
  for (let k = 0; k < 10; k++)
    rankNearest(candidates, { ...query, origin: somewhere() }, { roads: network });
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let k = 0; k < incidents; k++) {
    const origin = somewhere();
    const cpu = process.cpuUsage();
    t = performance.now();
    rankNearest(candidates, { ...query, origin }, { roads: network });
    times.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const rankCpu = {
    p50: percentile(cpuTimes, 50),
    p95: percentile(cpuTimes, 95),
    p99: percentile(cpuTimes, 99),
  };
  const rank = {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? NaN,
  };
  log(
    `  rank 100 units: p50 ${rank.p50.toFixed(1)} / p95 ${rank.p95.toFixed(1)} / p99 ` +
      `${rank.p99.toFixed(1)} ms over ${incidents} incidents (CPU p50 ${rankCpu.p50.toFixed(1)} / ` +
      `p95 ${rankCpu.p95.toFixed(1)} ms)`,
  );

  // What was not chosen, on the same graph: graphology's documented one-to-all Dijkstra (it
  // builds every node's path as a new array), and one point-to-point search per unit.
  const nodeKeys = network.keys;
  const pick = () => nodeKeys[Math.floor(rnd() * nodeKeys.length)]!;
  const single: number[] = [];
  for (let k = 0; k < 3; k++) {
    const source = pick();
    t = performance.now();
    dijkstra.singleSource(network.graph, source, 'minutes');
    single.push(performance.now() - t);
  }
  const pointToPoint: number[] = [];
  for (let k = 0; k < 1; k++) {
    const source = pick();
    t = performance.now();
    // Ten searches, scaled to a hundred: the full hundred takes seconds.
    for (let u = 0; u < 10; u++) dijkstra.bidirectional(network.graph, source, pick(), 'minutes');
    pointToPoint.push((performance.now() - t) * 10);
  }
  const alternatives = {
    singleSourcePathsMs: median(single),
    pointToPoint100Ms: median(pointToPoint),
  };
  log(
    `  alternatives: graphology singleSource ${alternatives.singleSourcePathsMs.toFixed(0)} ms, ` +
      `100 bidirectional searches ${alternatives.pointToPoint100Ms.toFixed(0)} ms`,
  );
  const result: RoadsBench = {
    segments,
    graph: { nodes: network.stats.nodes, edges: network.stats.edges },
    build: { parseMs, validateMs, graphMs, totalMs: parseMs + validateMs + graphMs, cpuMs },
    candidates: candidates.length,
    incidents,
    rank,
    rankCpu,
    load: [loadBefore, loadavg()[0]!],
    alternatives,
  };
  return result;
}

/**
 * Runs the phase in a process of its own with the server's V8 flags (as the server builds its
 * network at start), for `npm run bench`.
 */
export function benchRoadsInChild(): RoadsBench {
  const out = execFileSync(
    process.execPath,
    [...SERVER_NODE_FLAGS, '--import', 'tsx', fileURLToPath(import.meta.url), '--json'],
    { encoding: 'utf8', timeout: 300_000 },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as RoadsBench;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(benchRoads())}\n`);
  } else {
    const log = (line: string) => process.stdout.write(`${line}\n`);
    log('road network: build and rank');
    const result = benchRoads({ log });
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    const out = path.join(root, 'bench/results/roads.json');
    writeFileSync(
      out,
      `${JSON.stringify({ startedAt: new Date().toISOString(), ...result }, null, 1)}\n`,
    );
    log(`wrote ${path.relative(root, out)}`);
  }
}
