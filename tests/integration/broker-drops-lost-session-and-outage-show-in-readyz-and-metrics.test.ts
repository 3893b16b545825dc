import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningIngest } from '../../ingest/src/ingest';
import type { RunningServer } from '../../server/src/server';
import { isolate } from '../helpers/isolation';
import { connectAs } from '../helpers/live-client';
import { startTestIngest, startTestServer } from '../helpers/product';
import { metricsOf, readyz, readyzProblem, recordHeartbeats, sample } from '../helpers/readiness';
import { WATCHED_BROKERS } from '../helpers/watched-brokers';
import { waitFor } from '../helpers/wait';

/** What the issue asks: "broker unreachable" on /readyz, /metrics and the screens within 5 s. */
const WITHIN_MS = 5_000;

describe.each(WATCHED_BROKERS)('what the broker does to ingest, on $name', (broker) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('drops, a session taken over, and an outage each show in /readyz, /metrics and the heartbeat', async () => {
    const b = await broker.start();
    cleanup.push(() => b.stop());
    const iso = isolate('broker-watch');
    const worker = iso.clientId('ingest');
    const server: RunningServer = await startTestServer(iso);
    cleanup.push(() => server.close());
    const ingest: RunningIngest = await startTestIngest(iso, b.url);
    cleanup.push(() => ingest.close());
    const screen = await connectAs(server);
    cleanup.push(async () => {
      screen.close();
    });
    const heartbeats = recordHeartbeats(screen);
    await waitFor(async () => (await readyz(server)).status === 200, 'ready', 20_000);

    // Drops: the broker's own counter, read from its $SYS topics by ingest.
    const droppingAt = Date.now();
    await b.dropSome(`drops-${iso.tag}`);
    const dropped = await waitFor(
      () => readyzProblem(server, 'broker.dropped'),
      '/readyz to report the drops',
    );
    // A warning: the pipeline still stores what it gets.
    expect(dropped.status).toBe(200);
    expect(dropped.problem.message).toMatch(/^broker dropped \d+ messages/);
    expect(dropped.body.broker?.dropped).toBeGreaterThan(0);
    const metrics = await metricsOf(server);
    expect(sample(metrics, 'cc_broker_messages_dropped_total')).toBeGreaterThan(0);
    expect(sample(metrics, 'cc_broker_messages_dropped_recent')).toBeGreaterThan(0);
    const ingestMetrics = await (
      await fetch(`http://127.0.0.1:${ingest.metricsPort}/metrics`)
    ).text();
    expect(sample(ingestMetrics, 'cc_broker_messages_dropped_total')).toBeGreaterThan(0);
    await waitFor(() => heartbeats.saying('broker.dropped', droppingAt), 'a heartbeat with drops');

    // Another client takes ingest's client id, again and again.
    const takenAt = Date.now();
    const impostor = mqtt.connect(b.url, { clientId: worker, reconnectPeriod: 500 });
    impostor.on('error', () => {});
    try {
      const taken = await waitFor(
        () => readyzProblem(server, 'ingest.no_broker_session', worker),
        '/readyz to say ingest has no broker session',
        15_000,
      );
      expect(taken.status).toBe(503);
      expect(taken.problem.message).toContain('ingest has no broker session');
      expect(taken.body.checks).toMatchObject({ ingest: true, broker: false });
      await waitFor(
        () => heartbeats.saying('ingest.no_broker_session', takenAt),
        'a heartbeat saying ingest has no broker session',
      );
    } finally {
      await impostor.endAsync(true);
    }
    await waitFor(
      async () => (await readyz(server)).status === 200,
      'ready once the session is ingest’s again',
      30_000,
    );

    // The broker goes away.
    const stoppedAt = Date.now();
    await b.stop();
    const gone = await waitFor(
      () => readyzProblem(server, 'broker.unreachable', worker),
      '/readyz to say the broker is unreachable',
      WITHIN_MS,
    );
    expect(gone.status).toBe(503);
    expect(gone.problem.message).toContain('broker unreachable');
    expect(
      sample(
        await metricsOf(server),
        `cc_ingest_broker_session{worker="${worker}",state="unreachable"}`,
      ),
    ).toBe(1);
    await waitFor(
      () => heartbeats.saying('broker.unreachable', stoppedAt),
      'a heartbeat saying the broker is unreachable',
      WITHIN_MS,
    );
  });
});
