import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import { hazardMessage, reading } from '../helpers/fixtures';
import { isolate } from '../helpers/isolation';
import { connectPublisher } from '../helpers/mqtt';
import { startTestIngest } from '../helpers/product';
import { connectRedis, dropPrefix, readTelemetryReadings } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

// Mosquitto only: the embedded Aedes broker has no shared subscriptions.
const MOSQUITTO = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const AGENCY = 'ent-share';
/** Odd, so the broker's round robin gives each sensor's readings to both workers. */
const SENSORS = 7;
const TOTAL = 2_000;
const CHUNK = 100;
/** Messages published but not yet handled: kept well under Mosquitto's max_queued_messages (1000). */
const MAX_BACKLOG = 300;

/** An ingest worker in the share group, counting the messages the broker gave it. */
async function startWorker(iso: ReturnType<typeof isolate>, group: string, name: string) {
  const ingest: RunningIngest = await startTestIngest(iso, MOSQUITTO, {
    MQTT_SHARE_GROUP: group,
    INGEST_CLIENT_ID: iso.clientId(name),
  });
  const worker = { name, ingest, delivered: 0 };
  // mqtt.js emits 'message' once handleMessage has called back, i.e. once the write is stored.
  ingest.subscriber.client.on('message', () => worker.delivered++);
  return worker;
}
type Worker = Awaited<ReturnType<typeof startWorker>>;

/** Ends a persistent session on the broker, so the test leaves no queue behind. */
async function dropSession(clientId: string) {
  const c: MqttClient = await mqtt.connectAsync(MOSQUITTO, { clientId, clean: true });
  await c.endAsync();
}

describe('on Mosquitto: two ingest workers sharing one subscription', () => {
  const iso = isolate('share');
  const keys = createKeys(iso.prefix);
  const group = `g-${iso.tag}`;
  const topic = (kind: string) => `${iso.topicRoot}/${AGENCY}/${kind}`;
  const hazard = {
    ...hazardMessage('share-1'),
    sensors: Array.from({ length: SENSORS }, (_, i) => ({
      id: `s${i}`,
      metric: 'level',
      unit: '%',
      thresholds: { high: 85, highHigh: 95 },
      interval: 5,
    })),
  };
  let redis: Redis;
  let pub: MqttClient;
  let a: Worker;
  let b: Worker;
  const started: Worker[] = [];
  const worker = async (name: string) => {
    const w = await startWorker(iso, group, name);
    started.push(w);
    return w;
  };

  beforeAll(async () => {
    redis = await connectRedis();
    a = await worker('w1');
    b = await worker('w2');
    pub = await connectPublisher(MOSQUITTO, iso.clientId('pub'));
    await pub.publishAsync(topic('hazard'), JSON.stringify(hazard), { qos: 1 });
    await waitFor(
      () => redis.hGet(keys.state('hazard'), `${AGENCY}:${hazard.id}`),
      'hazard stored',
    );
  });
  afterAll(async () => {
    await pub.endAsync();
    await Promise.all(started.map((w) => w.ingest.close()));
    await Promise.all(['w1', 'w2'].map((n) => dropSession(iso.clientId(n))));
    await dropPrefix(redis, iso.prefix);
    await redis.close();
  });

  /** Readings stored, over every sensor's history. */
  async function stored(): Promise<number> {
    const multi = redis.multi();
    for (let i = 0; i < SENSORS; i++) multi.lLen(keys.series(`${AGENCY}:s${i}`));
    return ((await multi.exec()) as unknown as number[]).reduce((x, y) => x + y, 0);
  }

  /** Publishes readings [from, to) in chunks, pacing so the broker's queues stay short. */
  async function publishReadings(
    t0: number,
    from: number,
    to: number,
    caughtUp: (published: number) => Promise<boolean>,
  ) {
    for (let sent = from; sent < to; sent += CHUNK) {
      await Promise.all(
        Array.from({ length: Math.min(CHUNK, to - sent) }, (_, j) => {
          const i = sent + j;
          const r = reading(`s${i % SENSORS}`, 50 + (i % 7), t0 + i * 1000);
          return pub.publishAsync(topic('sensor'), JSON.stringify(r), { qos: 1 });
        }),
      );
      const published = Math.min(to, sent + CHUNK);
      await waitFor(() => caughtUp(published), 'workers keep up', 20_000);
    }
  }

  it('applies every reading exactly once, also when one worker stops mid-stream', async ({
    annotate,
  }) => {
    const t0 = Date.now() - 3_600_000;
    const begin = Date.now();
    // Both workers: the broker splits the stream between them.
    await publishReadings(t0, 0, TOTAL / 2, async (n) => (await stored()) >= n - MAX_BACKLOG);
    // Stop one worker while messages are still queued and in flight; the other keeps going.
    await a.ingest.close();
    const atClose = { a: a.delivered, b: b.delivered };
    await publishReadings(
      t0,
      TOTAL / 2,
      TOTAL,
      // Mosquitto may keep routing a share to the stopped member's session: pace on B alone.
      async (n) => b.delivered - atClose.b >= (n - TOTAL / 2) / 2 - MAX_BACKLOG,
    );
    // Let B finish what it was given, then count what is still waiting for the stopped member
    // (Mosquitto 2.0 keeps giving an offline persistent member its turn and queues for it).
    let last = -1;
    await waitFor(
      async () => {
        const n = await stored();
        const still = n === last;
        last = n;
        if (!still) await new Promise((r) => setTimeout(r, 500));
        return still;
      },
      'worker B idle',
      30_000,
    );
    const whileDown = await stored();

    // The stopped worker comes back under its client id (a restart): its session's queue drains.
    const a2 = await worker('w1');
    await waitFor(async () => (await stored()) >= TOTAL, 'every reading stored', 30_000);
    const elapsed = Date.now() - begin;

    expect(await stored()).toBe(TOTAL);
    // Both workers had a share of the stream before one stopped.
    expect(atClose.a).toBeGreaterThan(0);
    expect(atClose.b).toBeGreaterThan(0);
    // Nothing applied twice: the live telemetry stream holds each reading at most once.
    const live = await readTelemetryReadings(redis, keys.telemetry);
    expect(new Set(live.map((r) => `${r.id}@${r.ts}`)).size).toBe(live.length);
    for (let i = 0; i < SENSORS; i++) {
      // The newest reading of each sensor is its current state, whichever worker applied it.
      const newest = TOTAL - SENSORS + i;
      const state = await redis.hGet(keys.state('reading'), `${AGENCY}:s${newest % SENSORS}`);
      expect((JSON.parse(state!) as Reading).ts).toBe(t0 + newest * 1000);
    }
    await a2.ingest.close(); // flushes its feed-health counts
    const health = await redis.hGetAll(keys.feedCounts(AGENCY));
    const figures = {
      receivedBeforeStop: atClose,
      receivedByBAfterStop: b.delivered - atClose.b,
      storedWhileADown: whileDown,
      storedAfterARestart: TOTAL - whileDown,
      telemetryEntries: live.length,
      feedHealth: health,
      elapsedMs: elapsed,
    };
    await annotate(JSON.stringify(figures), 'figures');
  }, 120_000);
});
