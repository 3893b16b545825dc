const DELETED: unique symbol = Symbol('deleted');
type Slot<V> = V | typeof DELETED;

/**
 * An immutable map whose updates cost what changed, not what it holds: a shared base plus a
 * small layer of changes. Updating returns a new LayeredMap (the old one stays valid and
 * unchanged); when the layer grows past an eighth of the base it is folded into a new base, so a
 * change costs O(1) amortized. Reads check the layer, then the base.
 *
 * Iteration yields the unchanged entries of the base first, then the changed ones: the order of
 * a plain Map after updates is not kept.
 */
export class LayeredMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly layer: ReadonlyMap<K, Slot<V>>,
    readonly size: number,
  ) {}

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
    const layer = this.layer;
    for (const entry of this.base) if (!layer.has(entry[0])) yield entry;
    for (const [key, slot] of layer) if (slot !== DELETED) yield [key, slot];
  }

  keys(): MapIterator<K> {
    return this.layer.size === 0 ? this.base.keys() : this.layeredKeys();
  }

  private *layeredKeys(): MapIterator<K> {
    const layer = this.layer;
    for (const key of this.base.keys()) if (!layer.has(key)) yield key;
    for (const [key, slot] of layer) if (slot !== DELETED) yield key;
  }

  values(): MapIterator<V> {
    return this.layer.size === 0 ? this.base.values() : this.layeredValues();
  }

  private *layeredValues(): MapIterator<V> {
    const layer = this.layer;
    for (const [key, value] of this.base) if (!layer.has(key)) yield value;
    for (const slot of layer.values()) if (slot !== DELETED) yield slot;
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
    if (layer.size > 64 && layer.size * 8 > this.base.size) {
      const base = new Map<K, V>();
      for (const [key, value] of this.base) if (!layer.has(key)) base.set(key, value);
      for (const [key, slot] of layer) if (slot !== DELETED) base.set(key, slot);
      return new LayeredMap(base, new Map(), base.size);
    }
    return new LayeredMap(this.base, layer, size);
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

  done(): LayeredMap<K, V> {
    return this.apply(this.changes);
  }
}

/** A ReadonlyMap as a LayeredMap (itself when it already is one). */
export function layered<K, V>(map: ReadonlyMap<K, V>): LayeredMap<K, V> {
  return map instanceof LayeredMap ? (map as LayeredMap<K, V>) : LayeredMap.from(map);
}
