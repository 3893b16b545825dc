import { HiddenHazard, byNewestChange, type StampedEvent } from '@cc/shared';
import type { Keys, Logger, Redis } from '@cc/shared/node';

/**
 * Every hidden hazard, closed ones included, kept in this server's memory for the ledger: read
 * once from `state:hiddenhazard`, then kept current by the events the hub's tail reads (each
 * server tails Redis itself, so every instance holds the same view). Filtering 10,000 items in
 * memory costs a few milliseconds; reading and parsing them from Redis per request would not.
 * The newer of two versions of an item wins, so an event read both in the hash and from the
 * tail (the load and the tail overlap) is applied once.
 */
export function createHiddenHazardView({
  redis,
  keys,
  log,
}: {
  redis: Redis;
  keys: Keys;
  log: Logger;
}) {
  const items = new Map<string, HiddenHazard>();
  let loaded: Promise<void> | undefined;
  /** The items in the ledger's order, made again only after a change (changes are rare). */
  let ordered: HiddenHazard[] | undefined;

  function put(item: HiddenHazard) {
    const held = items.get(item.id);
    if (!held || held.ts <= item.ts) {
      items.set(item.id, item);
      ordered = undefined;
    }
  }

  async function load() {
    const hash = await redis.hGetAll(keys.state('hiddenhazard'));
    for (const [id, json] of Object.entries(hash)) {
      try {
        put(HiddenHazard.parse(JSON.parse(json)));
      } catch (err) {
        log.error({ id, err: (err as Error).message }, 'stored hidden hazard unreadable; left out');
      }
    }
  }

  return {
    /** Applies the hub's events (any kinds; only hidden hazards are kept). */
    apply(events: readonly StampedEvent[]) {
      for (const e of events) if (e.kind === 'hiddenhazard' && e.op === 'upsert') put(e.data);
    },
    /** Every item, once the first load finished (retried on the next call after a failure). */
    async all(): Promise<readonly HiddenHazard[]> {
      loaded ??= load().catch((err: unknown) => {
        loaded = undefined;
        throw err;
      });
      await loaded;
      ordered ??= [...items.values()].sort(byNewestChange);
      return ordered;
    },
    async get(id: string): Promise<HiddenHazard | undefined> {
      await this.all();
      return items.get(id);
    },
  };
}
export type HiddenHazardView = ReturnType<typeof createHiddenHazardView>;
