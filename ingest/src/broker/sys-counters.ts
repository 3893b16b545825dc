import type { Aedes } from 'aedes';
import { BROKER_SYS_TOPICS } from '@cc/shared';

/** Errors Aedes raises for a message it could not write to a subscriber (a lost delivery). */
const LOST_WRITE = new Set(['connection closed', 'drain timeout']);

/**
 * Gives the embedded broker Mosquitto's `$SYS` counters (the ones ingest follows), retained and
 * refreshed every `intervalMs`, so ingest reads one broker as it reads the other. Aedes has no
 * queue limit to drop at; what it loses are the deliveries to a subscriber whose connection
 * closed, or stayed full past its `drainTimeout`, with messages still to write: each such failed
 * write counts as dropped (a QoS 1 message kept for a persistent session is delivered again
 * later, so the count may run a little high, never low).
 */
export function publishSysCounters(aedes: Aedes, intervalMs: number) {
  const startedAt = Date.now();
  let dropped = 0;
  aedes.on('clientError', (_client, err) => {
    if (LOST_WRITE.has(err.message)) dropped++;
  });
  const publish = () => {
    const values: Record<keyof typeof BROKER_SYS_TOPICS, string | undefined> = {
      dropped: String(dropped),
      clients: String(aedes.connectedClients),
      uptime: `${Math.floor((Date.now() - startedAt) / 1000)} seconds`,
      // Aedes does not say how many messages it holds.
      stored: undefined,
    };
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) continue;
      aedes.publish(
        {
          cmd: 'publish',
          topic: BROKER_SYS_TOPICS[name as keyof typeof BROKER_SYS_TOPICS],
          payload: Buffer.from(value),
          qos: 0,
          retain: true,
          dup: false,
        },
        () => {},
      );
    }
  };
  publish();
  const timer = setInterval(publish, intervalMs);
  timer.unref();
  return {
    close() {
      clearInterval(timer);
    },
  };
}
