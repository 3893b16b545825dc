import RBush from 'rbush';

/** A point on the screen, CSS pixels from the map's top left. */
export type Point = [x: number, y: number];

/** An axis-aligned box on the screen, CSS pixels. */
export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * What a symbol does when it lands on one placed before it: `spread` moves it aside (a thin line
 * leads back to where it is), `cluster` merges it into a symbol of its own group close by (that
 * one then shows a count).
 */
export type Crowding = 'spread' | 'cluster';

/** A symbol to place: an incident's diamond, a hazard's dot, a unit's square. */
export interface SymbolCandidate {
  /** Unique among all symbols. */
  id: string;
  /** Where it is, projected. */
  at: Point;
  /** Width and height of what is drawn (for a cluster group: of the drawn count bubble). */
  size: [number, number];
  /** Lower places first and wins. */
  rank: number;
  crowding: Crowding;
  /** Symbols of one group merge into each other (cluster crowding only). */
  group?: string;
  /** A symbol of the group closer than this merges into the one placed (cluster crowding). */
  clusterRadius?: number;
}

/** A label to place: text in a box, beside its symbol or centred on a point. */
export interface LabelCandidate {
  id: string;
  /** Where it is (for a symbol's label: the symbol's own position, before any spreading). */
  at: Point;
  /** Width and height of the label's box, padding included. */
  size: [number, number];
  rank: number;
  /** The symbol it names: the label follows it when spread and is dropped when it is merged. */
  symbolId?: string;
  /** Offsets of the box's centre from the (placed) point, tried in order. */
  anchors: readonly Point[];
}

export interface PlacedSymbol {
  id: string;
  /** Where it is drawn: `at`, or a free spot beside it when spread. */
  at: Point;
  displaced: boolean;
  /** Ids of the symbols merged into it (cluster crowding), in rank order. */
  merged: string[];
  box: Box;
}

export interface PlacedLabel {
  id: string;
  /** The point the box is offset from (the symbol as drawn, or `at`). */
  base: Point;
  /** Offset of the box's centre from `base`. */
  offset: Point;
  box: Box;
}

export interface Placement {
  symbols: PlacedSymbol[];
  labels: PlacedLabel[];
  /** Labels that lost, with the reason. */
  hidden: { id: string; reason: 'collision' | 'merged' | 'outside' }[];
}

export interface PlacementInput {
  symbols: readonly SymbolCandidate[];
  labels: readonly LabelCandidate[];
  /** The drawing area: labels stay wholly inside it. */
  width: number;
  height: number;
  /** Rings of spots a `spread` symbol tries before it stays where it is, overlapping. */
  spreadRings?: number;
}

interface Entry extends Box {
  id: string;
  /** The symbol or label it is (labels never merge). */
  kind: 'symbol' | 'label';
  group?: string | undefined;
  placed?: PlacedSymbol;
}

const DIRECTIONS: readonly Point[] = [
  [1, 0],
  [-1, 0],
  [0, -1],
  [0, 1],
  [0.7071, -0.7071],
  [-0.7071, -0.7071],
  [0.7071, 0.7071],
  [-0.7071, 0.7071],
];

function boxAt([x, y]: Point, [w, h]: [number, number]): Box {
  return { minX: x - w / 2, minY: y - h / 2, maxX: x + w / 2, maxY: y + h / 2 };
}

/** Boxes that share more than a hairline (touching edges do not overlap). */
export function overlaps(a: Box, b: Box): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY;
}

function byRank<T extends { rank: number; id: string }>(a: T, b: T): number {
  return a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Collisions of a box with what is placed, leaving out the entry with `except`'s id. */
function hits(tree: RBush<Entry>, box: Box, except?: string): Entry[] {
  // Shrink by a hair so boxes that only touch do not count (rbush's search includes edges).
  const e = 0.01;
  return tree
    .search({ minX: box.minX + e, minY: box.minY + e, maxX: box.maxX - e, maxY: box.maxY - e })
    .filter((entry) => entry.id !== except);
}

/** A placed symbol's true position, where symbols of its group gather. */
interface Head extends Box {
  group: string;
  placed: PlacedSymbol;
  origin: Point;
}

interface SymbolState {
  placed: Map<string, PlacedSymbol>;
  mergedInto: Map<string, string>;
  heads: RBush<Head>;
}

function placeSymbol(tree: RBush<Entry>, s: SymbolCandidate, rings: number, st: SymbolState) {
  const box = boxAt(s.at, s.size);
  const add = (at: Point, b: Box, displaced: boolean) => {
    const p: PlacedSymbol = { id: s.id, at, displaced, merged: [], box: b };
    st.placed.set(s.id, p);
    tree.insert({ ...b, id: s.id, kind: 'symbol', group: s.group, placed: p });
    if (s.group !== undefined) {
      const [x, y] = s.at;
      st.heads.insert({
        minX: x,
        minY: y,
        maxX: x,
        maxY: y,
        group: s.group,
        placed: p,
        origin: s.at,
      });
    }
  };
  // A symbol of a cluster group close to one of its group merges into it (like supercluster).
  if (s.crowding === 'cluster' && s.group !== undefined) {
    const head = nearestHead(st.heads, s);
    if (head) {
      head.merged.push(s.id);
      st.mergedInto.set(s.id, head.id);
      return;
    }
  }
  if (hits(tree, box).length === 0) return add(s.at, box, false);
  const spot = freeSpot(tree, s, rings, false);
  if (spot) return add(spot.at, spot.box, true);
  // Nowhere free: on another symbol rather than under a label; else where it is. It never
  // disappears.
  if (hits(tree, box).every((e) => e.kind === 'symbol')) return add(s.at, box, false);
  const beside = freeSpot(tree, s, rings, true);
  if (beside) return add(beside.at, beside.box, true);
  return add(s.at, box, false);
}

/**
 * The placed symbol of the same group whose true position is closest, within the cluster
 * radius (a head that was spread aside still gathers the symbols at its true place).
 */
function nearestHead(heads: RBush<Head>, s: SymbolCandidate): PlacedSymbol | null {
  const r = s.clusterRadius ?? Math.max(...s.size);
  const [x, y] = s.at;
  let best: PlacedSymbol | null = null;
  let bestD = Infinity;
  for (const h of heads.search({ minX: x - r, minY: y - r, maxX: x + r, maxY: y + r })) {
    if (h.group !== s.group) continue;
    const d = Math.hypot(h.origin[0] - x, h.origin[1] - y);
    if (d <= r && d < bestD) {
      best = h.placed;
      bestD = d;
    }
  }
  return best;
}

/**
 * The first free spot on rings around the symbol, nearest ring first; with `onSymbols`, the
 * first spot that covers no label (it may sit on other symbols).
 */
function freeSpot(tree: RBush<Entry>, s: SymbolCandidate, rings: number, onSymbols: boolean) {
  const step = Math.max(...s.size) * 1.1;
  for (let ring = 1; ring <= rings; ring++) {
    for (const [dx, dy] of DIRECTIONS) {
      const at: Point = [s.at[0] + dx * step * ring, s.at[1] + dy * step * ring];
      const box = boxAt(at, s.size);
      const found = hits(tree, box);
      if (found.length === 0 || (onSymbols && found.every((e) => e.kind === 'symbol')))
        return { at, box };
    }
  }
  return null;
}

function inside(box: Box, width: number, height: number): boolean {
  return box.minX >= 0 && box.minY >= 0 && box.maxX <= width && box.maxY <= height;
}

/**
 * One collision space for everything on the map, filled in rank order (within a rank, symbols
 * before labels). A symbol that lands on something placed before it merges into a symbol of its
 * group close by (a cluster), or moves to the nearest free spot around it (spread), or — when no
 * spot is free — stays, so nothing is ever left out. A label takes the first of its anchors
 * where its box overlaps nothing placed before it and stays inside the map; otherwise it is
 * hidden. So a label never overlaps another label or a symbol placed before it, and a symbol
 * ranked below a label moves out of its way.
 */
export function placeAll(input: PlacementInput): Placement {
  const rings = input.spreadRings ?? 4;
  const tree = new RBush<Entry>();
  const st: SymbolState = { placed: new Map(), mergedInto: new Map(), heads: new RBush<Head>() };
  const labels: PlacedLabel[] = [];
  const hidden: Placement['hidden'] = [];
  type Item = { rank: number; id: string; order: 0 | 1 } & (
    { s: SymbolCandidate } | { l: LabelCandidate }
  );
  const items: Item[] = [
    ...input.symbols.map((s): Item => ({ rank: s.rank, id: s.id, order: 0, s })),
    ...input.labels.map((l): Item => ({ rank: l.rank, id: l.id, order: 1, l })),
  ].sort((a, b) => a.rank - b.rank || a.order - b.order || byRank(a, b));
  for (const item of items) {
    if ('s' in item) {
      placeSymbol(tree, item.s, rings, st);
      continue;
    }
    const l = item.l;
    if (l.symbolId !== undefined && !st.placed.has(l.symbolId)) {
      hidden.push({ id: l.id, reason: 'merged' });
      continue;
    }
    const base = (l.symbolId !== undefined && st.placed.get(l.symbolId)?.at) || l.at;
    let outside = false;
    let done = false;
    for (const offset of l.anchors) {
      const box = boxAt([base[0] + offset[0], base[1] + offset[1]], l.size);
      if (!inside(box, input.width, input.height)) {
        outside = true;
        continue;
      }
      if (hits(tree, box).length > 0) continue;
      labels.push({ id: l.id, base, offset, box });
      tree.insert({ ...box, id: l.id, kind: 'label' });
      done = true;
      break;
    }
    if (!done) hidden.push({ id: l.id, reason: outside ? 'outside' : 'collision' });
  }
  return { symbols: [...st.placed.values()], labels, hidden };
}

/**
 * Anchors around a symbol of the given size for a label of the given size: below, above, right,
 * left (the usual reading order of map labels), `gap` pixels clear of the symbol.
 */
export function anchorsAround(
  symbol: [number, number],
  label: [number, number],
  gap: number,
): Point[] {
  const dy = symbol[1] / 2 + gap + label[1] / 2;
  const dx = symbol[0] / 2 + gap + label[0] / 2;
  return [
    [0, dy],
    [0, -dy],
    [dx, 0],
    [-dx, 0],
  ];
}

/**
 * Anchors of a name written at a point with no symbol (a district, an area): on the point, else
 * moved up, down or sideways by a few times its own height (`rings` steps), so that symbols
 * crowding the point do not hide it.
 */
export function anchorsAt(label: [number, number], rings: number): Point[] {
  const [w, h] = label;
  const out: Point[] = [[0, 0]];
  for (let k = 1; k <= rings; k++) {
    const dy = 1.2 * h * k;
    const dx = 0.6 * w + 0.6 * h * (k - 1);
    out.push([0, -dy], [0, dy], [dx, 0], [-dx, 0], [dx, -dy], [-dx, -dy], [dx, dy], [-dx, dy]);
  }
  return out;
}
