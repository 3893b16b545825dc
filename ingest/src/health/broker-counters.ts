import { BROKER_DROPS_WINDOW_MS, BROKER_SYS_TOPICS, type BrokerCounters } from '@cc/shared';

type Name = keyof typeof BROKER_SYS_TOPICS;
const NAME_OF = new Map<string, Name>(
  Object.entries(BROKER_SYS_TOPICS).map(([name, topic]) => [topic, name as Name]),
);

/** The `$SYS` topics ingest follows. */
export const BROKER_SYS_FILTERS: readonly string[] = Object.values(BROKER_SYS_TOPICS);

/**
 * The broker's counters as its `$SYS` topics give them, and how many messages it dropped in the
 * last BROKER_DROPS_WINDOW_MS: the dropped counter counts from the broker's start, so drops
 * before this worker heard it count as recent only when the broker started within the window.
 */
export function createBrokerCounters(windowMs = BROKER_DROPS_WINDOW_MS) {
  const values: Partial<Record<Name, number>> = {};
  let at: number | undefined;
  /** When the broker started (worker clock), from its uptime. */
  let brokerStartedAt: number | undefined;
  /** The first dropped count heard since this worker started or the broker restarted. */
  let first: { at: number; dropped: number; restarted: boolean } | undefined;
  /** Dropped counts as heard (the broker says it when it changes), oldest first. */
  let samples: { at: number; dropped: number }[] = [];

  function heardDropped(dropped: number, now: number) {
    const last = samples[samples.length - 1];
    if (last && dropped < last.dropped) {
      // The broker restarted: its counter starts again from zero.
      samples = [];
      first = { at: now, dropped, restarted: true };
    }
    first ??= { at: now, dropped, restarted: false };
    samples.push({ at: now, dropped });
  }

  /** The count recent drops are counted from. */
  function base(now: number): number {
    // Keep one sample at or before the window's start: the count when the window began.
    while (samples.length > 1 && samples[1]!.at <= now - windowMs) samples.shift();
    const oldest = samples[0];
    if (oldest && oldest.at <= now - windowMs) return oldest.dropped;
    if (!first) return values.dropped ?? 0;
    // Drops before this worker first heard the count: within the window only if the broker
    // (re)started within it.
    const startedInWindow =
      first.restarted || (brokerStartedAt !== undefined && brokerStartedAt > now - windowMs);
    return startedInWindow ? 0 : first.dropped;
  }

  return {
    /** A `$SYS` message; anything but a known topic with a number is ignored. */
    heard(topic: string, payload: Buffer, now: number): void {
      const name = NAME_OF.get(topic);
      if (!name) return;
      // "123" or, for the uptime, "123 seconds".
      const value = Number.parseFloat(payload.toString('utf8'));
      if (!Number.isFinite(value) || value < 0) return;
      values[name] = value;
      at = now;
      if (name === 'dropped') heardDropped(Math.floor(value), now);
      if (name === 'uptime') brokerStartedAt = now - value * 1000;
    },
    /** What the liveness record says; undefined until the broker has said anything. */
    report(now: number): BrokerCounters | undefined {
      if (at === undefined) return undefined;
      const dropped = Math.floor(values.dropped ?? 0);
      const out: BrokerCounters = {
        at,
        dropped,
        droppedRecent: Math.max(0, dropped - base(now)),
      };
      if (values.stored !== undefined) out.stored = Math.floor(values.stored);
      if (values.clients !== undefined) out.clients = Math.floor(values.clients);
      if (values.uptime !== undefined) out.uptimeS = values.uptime;
      return out;
    },
  };
}
export type BrokerCountersTracker = ReturnType<typeof createBrokerCounters>;
