/**
 * Messages waiting to be stored, one FIFO lane per agency, taken round-robin: a batch holds the
 * oldest message of every waiting agency before the second of any. An agency that floods fills
 * its own lane; the others' messages still go into the very next batch. Order within a lane is
 * kept, and entities never span agencies, so per-entity order is kept too. Pure: no I/O.
 */
interface Lane<T> {
  items: T[];
  sizes: number[];
  head: number;
}

export function createFairQueue<T>() {
  const lanes = new Map<string, Lane<T>>();
  /** Lanes with something waiting, in the order they are served. */
  let ring: string[] = [];
  let inRing = new Set<string>();
  let next = 0;
  let size = 0;
  let bytes = 0;

  function shift(name: string, lane: Lane<T>): T {
    const item = lane.items[lane.head]!;
    bytes -= lane.sizes[lane.head]!;
    size--;
    lane.head++;
    if (lane.head === lane.items.length) lanes.delete(name);
    else if (lane.head > 1024 && lane.head * 2 > lane.items.length) {
      lane.items = lane.items.slice(lane.head);
      lane.sizes = lane.sizes.slice(lane.head);
      lane.head = 0;
    }
    return item;
  }

  return {
    push(laneName: string, item: T, itemBytes: number) {
      let lane = lanes.get(laneName);
      if (!lane) {
        lane = { items: [], sizes: [], head: 0 };
        lanes.set(laneName, lane);
        if (!inRing.has(laneName)) {
          ring.push(laneName);
          inRing.add(laneName);
        }
      }
      lane.items.push(item);
      lane.sizes.push(itemBytes);
      size++;
      bytes += itemBytes;
    },
    /**
     * Up to `maxItems` messages (and about `maxBytes`: at least one is always taken), one per
     * waiting lane per round, starting where the previous take stopped.
     */
    take(maxItems: number, maxBytes = Infinity): T[] {
      const out: T[] = [];
      let taken = 0;
      while (out.length < maxItems && size > 0 && (out.length === 0 || taken < maxBytes)) {
        if (next >= ring.length) {
          ring = ring.filter((name) => lanes.has(name));
          inRing = new Set(ring);
          next = 0;
        }
        const name = ring[next++]!;
        const lane = lanes.get(name);
        if (!lane) continue;
        taken += lane.sizes[lane.head]!;
        out.push(shift(name, lane));
      }
      return out;
    },
    get size() {
      return size;
    },
    get bytes() {
      return bytes;
    },
    /** Messages waiting per lane, for logs and tests. */
    lanes(): Record<string, number> {
      return Object.fromEntries([...lanes].map(([name, l]) => [name, l.items.length - l.head]));
    },
  };
}
export type FairQueue<T> = ReturnType<typeof createFairQueue<T>>;
