const DELETED: unique symbol = Symbol('deleted');
type Slot<V> = V | typeof DELETED;

/**
 * An immutable map whose updates cost what changed, not what it holds: a shared base plus a
 * small layer of changes. Updating returns a new LayeredMap (the old one stays valid and
 * unchanged); when the layer grows past an eighth of the base it is folded into a new base, so a
 * change costs O(1) amortized. Reads check the layer, then the base.
 *
 * Iteration follows a plain Map's order: an updated key keeps its place, an added one comes last
 * (one deleted and added again, while its old place is still in the base, comes back there).
 */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly layer: ReadonlyMap<K, Slot<V>>,
    readonly size: number,
  ) {}

  /** The map made from this one by `with`, and the changes it took: what `ValueList` follows. */
  private successor: { map: LayeredMap<K, V>; changes: ReadonlyMap<K, Slot<V>> } | null = null;

  static from<K, V>(entries: Iterable<readonly [K, V]> | ReadonlyMap<K, V>): LayeredMap<K, V> {
    const base = entries instanceof Map ? (entries as Map<K, V>) : new Map(entries);
    return new LayeredMap(base, new Map(), base.size);
  }

  static empty<K, V>(): LayeredMap<K, V> {
    return LayeredMap.from<K, V>(new Map());
  }

  get(key: K): V | undefined {
    const slot = this.layer.get(key);
    if (slot !== undefined) return slot === DELETED ? undefined : slot;
    return this.base.get(key);
  }

  has(key: K): boolean {
    const slot = this.layer.get(key);
    if (slot !== undefined) return slot !== DELETED;
    return this.base.has(key);
  }

  // With no layer, the base's own (native) iterators; else one generator, not nested ones.
  entries(): MapIterator<[K, V]> {
    return this.layer.size === 0 ? this.base.entries() : this.layeredEntries();
  }

  private *layeredEntries(): MapIterator<[K, V]> {
    const { base, layer } = this;
    for (const entry of base) {
      const slot = layer.get(entry[0]);
      if (slot === undefined) yield entry;
      else if (slot !== DELETED) yield [entry[0], slot];
    }
    for (const [key, slot] of layer) if (slot !== DELETED && !base.has(key)) yield [key, slot];
  }

  keys(): MapIterator<K> {
    return this.layer.size === 0 ? this.base.keys() : this.layeredKeys();
  }

  private *layeredKeys(): MapIterator<K> {
    const { base, layer } = this;
    for (const key of base.keys()) if (layer.get(key) !== DELETED) yield key;
    for (const [key, slot] of layer) if (slot !== DELETED && !base.has(key)) yield key;
  }

  values(): MapIterator<V> {
    return this.layer.size === 0 ? this.base.values() : this.layeredValues();
  }

  private *layeredValues(): MapIterator<V> {
    const { base, layer } = this;
    for (const [key, value] of base) {
      const slot = layer.get(key);
      if (slot === undefined) yield value;
      else if (slot !== DELETED) yield slot;
    }
    for (const [key, slot] of layer) if (slot !== DELETED && !base.has(key)) yield slot;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  /** This map with `changes` applied (DELETED removes); itself when `changes` is empty. */
  private with(changes: ReadonlyMap<K, Slot<V>>): LayeredMap<K, V> {
    if (changes.size === 0) return this;
    let size = this.size;
    for (const [key, slot] of changes) {
      const had = this.has(key);
      if (slot === DELETED) size -= had ? 1 : 0;
      else size += had ? 0 : 1;
    }
    const layer = new Map(this.layer);
    for (const [key, slot] of changes) {
      // A deletion of a key the base lacks needs no tombstone.
      if (slot === DELETED && !this.base.has(key)) layer.delete(key);
      else layer.set(key, slot);
    }
    let next: LayeredMap<K, V>;
    if (layer.size > 64 && layer.size * 8 > this.base.size) {
      // Folded in iteration order.
      const base = new Map<K, V>();
      for (const [key, value] of this.base) {
        const slot = layer.get(key);
        if (slot === undefined) base.set(key, value);
        else if (slot !== DELETED) base.set(key, slot);
      }
      for (const [key, slot] of layer)
        if (slot !== DELETED && !this.base.has(key)) base.set(key, slot);
      next = new LayeredMap(base, new Map(), base.size);
    } else {
      next = new LayeredMap(this.base, layer, size);
    }
    this.successor = { map: next, changes };
    return next;
  }

  /**
   * The changes from this map to `later`, one map per update in between, when `later` was made
   * from this one by successive updates that each only replaced values in place or added keys
   * at the end (in the changes' order); null otherwise (a key removed, or added back at its old
   * place, or `later` not made from this map).
   */
  placedChangesTo(later: LayeredMap<K, V>): ReadonlyMap<K, V>[] | null {
    if (later === this) return [];
    const steps: ReadonlyMap<K, V>[] = [];
    for (let step = this.placedSuccessor(); step; step = step.map.placedSuccessor()) {
      steps.push(step.changes);
      if (step.map === later) return steps;
    }
    return null;
  }

  /** The update made from this map, when it only replaced values or added keys at the end. */
  private placedSuccessor(): { map: LayeredMap<K, V>; changes: ReadonlyMap<K, V> } | null {
    const step = this.successor;
    if (!step) return null;
    for (const [key, slot] of step.changes) {
      if (slot === DELETED || (!this.has(key) && this.base.has(key))) return null;
    }
    return step as { map: LayeredMap<K, V>; changes: ReadonlyMap<K, V> };
  }

  /** A batch of edits against this map; `done()` returns the new map (or this one, unchanged). */
  draft(): MapDraft<K, V> {
    return new MapDraft(this, (changes) => this.with(changes));
  }
}

/** Edits collected for one batch: reads see the edits made so far. */
export class MapDraft<K, V> {
  private readonly changes = new Map<K, Slot<V>>();

  constructor(
    private readonly from: LayeredMap<K, V>,
    private readonly apply: (changes: ReadonlyMap<K, Slot<V>>) => LayeredMap<K, V>,
  ) {}

  get(key: K): V | undefined {
    const slot = this.changes.get(key);
    if (slot !== undefined) return slot === DELETED ? undefined : slot;
    return this.from.get(key);
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): void {
    this.changes.set(key, value);
  }

  delete(key: K): void {
    if (this.has(key)) this.changes.set(key, DELETED);
  }

  get changed(): boolean {
    return this.changes.size > 0;
  }

  /** Once: the new map keeps these changes (for `ValueList`), so the draft is done with. */
  done(): LayeredMap<K, V> {
    return this.apply(this.changes);
  }
}

/**
 * The values of successive versions of a map as arrays, in its iteration order: a new array per
 * version (a returned one is never changed), made from the previous one at the cost of the
 * changes in between when those only replaced or added values (a copy and a few writes),
 * otherwise from scratch. For one consumer following one map, e.g. a hook.
 */
export class ValueList<K, V> {
  private map: ReadonlyMap<K, V> | null = null;
  private list: V[] = [];
  /** Each key's index in `list`. */
  private readonly index = new Map<K, number>();

  of(map: ReadonlyMap<K, V>): V[] {
    if (map === this.map) return this.list;
    const steps =
      this.map instanceof LayeredMap && map instanceof LayeredMap
        ? (this.map as LayeredMap<K, V>).placedChangesTo(map as LayeredMap<K, V>)
        : null;
    const { index } = this;
    let list: V[];
    if (steps) {
      list = this.list.slice();
      for (const changes of steps) {
        for (const [key, value] of changes) {
          const at = index.get(key);
          if (at === undefined) {
            index.set(key, list.length);
            list.push(value);
          } else {
            list[at] = value;
          }
        }
      }
    } else {
      list = [];
      index.clear();
      for (const [key, value] of map) {
        index.set(key, list.length);
        list.push(value);
      }
    }
    this.map = map;
    this.list = list;
    return list;
  }
}

/** A ReadonlyMap as a LayeredMap (itself when it already is one). */
export function layered<K, V>(map: ReadonlyMap<K, V>): LayeredMap<K, V> {
  return map instanceof LayeredMap ? (map as LayeredMap<K, V>) : LayeredMap.from(map);
}
