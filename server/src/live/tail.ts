import { ORIGIN_EVENT_ID, type StampedEvent, type TelemetryEntry } from '@cc/shared';
import { readableEvents, telemetryOf, type Keys, type Logger, type Redis } from '@cc/shared/node';

export interface TailOptions {
  /** A connection of its own: XREAD BLOCK holds it. */
  redis: Redis;
  keys: Keys;
  log: Logger;
  blockMs?: number;
  onEvents: (events: StampedEvent[]) => void;
  onTelemetry: (entries: TelemetryEntry[]) => void;
  /** Told when the tail starts failing (from the first failed read) and when it reads again. */
  onHealthChange?: (healthy: boolean) => void;
}

/** Entries the tail left out because they do not parse, per stream (for /metrics). */
export interface Unreadable {
  events: number;
  telemetry: number;
}

type XReadReply =
  { name: string; messages: { id: string; message: Record<string, string> }[] }[] | null;

async function lastId(redis: Redis, key: string): Promise<string> {
  const [last] = (await redis.xRevRange(key, '+', '-', { COUNT: 1 })) ?? [];
  return last?.id ?? ORIGIN_EVENT_ID;
}

/**
 * Follows the events and telemetry streams from where they are now. Survives Redis outages
 * (logs, backs off, continues from the last id it saw); `close()` interrupts the blocking read.
 */
export async function startTail(options: TailOptions) {
  const { redis, keys, log } = options;
  const blockMs = options.blockMs ?? 2_000;
  let eventsId = await lastId(redis, keys.events);
  let telemetryId = await lastId(redis, keys.telemetry);
  let lastOkAt = Date.now();
  /** Since the last read failed, until one succeeds: a screen learns of an outage at once. */
  let failing = false;
  let closed = false;
  const startedFrom = eventsId;
  const unreadable: Unreadable = { events: 0, telemetry: 0 };
  // Left out rather than read again and again: the tail would stall on it, and every screen
  // with it.
  const skip = (stream: keyof Unreadable) => (id: string, err: unknown) => {
    unreadable[stream]++;
    log.error({ stream, id, err: (err as Error).message }, 'stream entry unreadable; left out');
  };
  const skipEvent = skip('events');
  const skipTelemetry = skip('telemetry');

  async function loop() {
    let failures = 0;
    while (!closed) {
      try {
        const reply = (await redis.xRead(
          [
            { key: keys.events, id: eventsId },
            { key: keys.telemetry, id: telemetryId },
          ],
          // Per stream. A telemetry entry holds a write's worth (a few hundred readings, tens
          // of kB): a tail that fell behind catches up a few MB at a time. Events come one per
          // entry; reads follow each other at once, so 500 a read is still tens of thousands
          // a second.
          { BLOCK: blockMs, COUNT: 500 },
        )) as XReadReply;
        lastOkAt = Date.now();
        failures = 0;
        if (failing) {
          failing = false;
          options.onHealthChange?.(true);
        }
        for (const stream of reply ?? []) {
          if (stream.messages.length === 0) continue;
          if (stream.name === keys.events) {
            const events: StampedEvent[] = readableEvents(stream.messages, skipEvent);
            eventsId = stream.messages[stream.messages.length - 1]!.id;
            if (events.length > 0) options.onEvents(events);
          } else {
            const entries = stream.messages.flatMap((m) => {
              try {
                return telemetryOf(m.message);
              } catch (err) {
                skipTelemetry(m.id, err);
                return [];
              }
            });
            telemetryId = stream.messages[stream.messages.length - 1]!.id;
            options.onTelemetry(entries);
          }
        }
      } catch (err) {
        if (closed) return;
        failures++;
        if (!failing) {
          failing = true;
          options.onHealthChange?.(false);
        }
        const wait = Math.min(5_000, 100 * 2 ** failures);
        log.warn({ err: (err as Error).message, wait }, 'stream tail failed; retrying');
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
  const running = loop();

  return {
    startedFrom,
    /** Entries left out because they do not parse, since start. */
    unreadable: unreadable as Readonly<Unreadable>,
    /** The id of the newest event seen. */
    get position() {
      return eventsId;
    },
    /**
     * Healthy while reads keep returning: not since a read failed (until one succeeds), nor once
     * a read is overdue (a blocked read returns at least every blockMs; Redis may hang).
     */
    healthy(now = Date.now()) {
      return !closed && !failing && now - lastOkAt < blockMs + 3_000;
    },
    async close() {
      if (closed) return;
      closed = true;
      redis.destroy();
      await running;
    },
  };
}
export type Tail = Awaited<ReturnType<typeof startTail>>;
