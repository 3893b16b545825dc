import { compareStreamIds, type StampedEvent } from '@cc/shared';

/**
 * The most recent events in memory, contiguous: it holds every event after `start` up to the
 * newest, so a client at or after `start` catches up without a Redis round trip.
 */
export function createRing(start: string, capacity: number) {
  let entries: StampedEvent[] = [];
  let from = start;
  return {
    get start() {
      return from;
    },
    push(events: readonly StampedEvent[]) {
      entries.push(...events);
      if (entries.length > capacity * 1.5) {
        const drop = entries.length - capacity;
        from = entries[drop - 1]!.id;
        entries = entries.slice(drop);
      }
    },
    covers(cursor: string): boolean {
      return compareStreamIds(cursor, from) >= 0;
    },
    /** Events after `cursor` (which the ring must cover), oldest first. */
    after(cursor: string): StampedEvent[] {
      let lo = 0;
      let hi = entries.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (compareStreamIds(entries[mid]!.id, cursor) <= 0) lo = mid + 1;
        else hi = mid;
      }
      return entries.slice(lo);
    },
  };
}
export type Ring = ReturnType<typeof createRing>;
