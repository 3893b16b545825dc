import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { forgetSession } from '../helpers/fault-mosquitto';
import { killProductProcesses, spawnProduct } from '../helpers/fault-processes';
import { isolate } from '../helpers/isolation';
import { connectAs } from '../helpers/live-client';
import { startTestServer, testConfig } from '../helpers/product';
import { metricsOf, readyz, readyzProblem, recordHeartbeats, sample } from '../helpers/readiness';
import { waitFor } from '../helpers/wait';

/** What the issue asks: "ingest down" on /readyz, /metrics and the screens within 5 s. */
const WITHIN_MS = 5_000;

describe.each(BROKERS)('with ingest as its own process, on $name', (broker) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await killProductProcesses();
    for (const step of cleanup.reverse()) await step();
  });

  it('/readyz, /metrics and the heartbeat say "ingest down" naming the worker, frozen or killed', async () => {
    const b = await broker.start();
    cleanup.push(() => b.stop());
    const iso = isolate('ingest-down');
    const worker = iso.clientId('ingest');
    cleanup.push(() => forgetSession(b.url, worker));
    const server: RunningServer = await startTestServer(iso);
    cleanup.push(() => server.close());
    const ingest = await spawnProduct('ingest', testConfig(iso, b.url));
    const screen = await connectAs(server);
    cleanup.push(async () => {
      screen.close();
    });
    const heartbeats = recordHeartbeats(screen);

    await waitFor(async () => (await readyz(server)).status === 200, 'ready', 20_000);

    // Frozen: the process is there, its socket open, nothing stored.
    process.kill(ingest.pid, 'SIGSTOP');
    const frozenAt = Date.now();
    const frozen = await waitFor(
      () => readyzProblem(server, 'ingest.down', worker),
      '/readyz to say ingest is down while frozen',
      WITHIN_MS,
    );
    expect(frozen.status).toBe(503);
    expect(frozen.problem.message).toContain('ingest down');
    expect(frozen.problem.message).toContain(worker);
    expect(frozen.body.checks).toMatchObject({ redis: true, streamTail: true, ingest: false });
    const metrics = await metricsOf(server);
    expect(sample(metrics, `cc_ingest_worker_up{worker="${worker}"}`)).toBe(0);
    expect(sample(metrics, 'cc_pipeline_problems{code="ingest.down"}')).toBe(1);
    expect(sample(metrics, 'cc_pipeline_ready')).toBe(0);
    await waitFor(
      () => heartbeats.saying('ingest.down', frozenAt),
      'a heartbeat saying ingest is down',
      WITHIN_MS,
    );

    process.kill(ingest.pid, 'SIGCONT');
    await waitFor(async () => (await readyz(server)).status === 200, 'ready once thawed', 20_000);
    expect(sample(await metricsOf(server), `cc_ingest_worker_up{worker="${worker}"}`)).toBe(1);

    await ingest.stop('SIGKILL');
    const killed = await waitFor(
      () => readyzProblem(server, 'ingest.down', worker),
      '/readyz to say ingest is down once killed',
      WITHIN_MS,
    );
    expect(killed.status).toBe(503);
  });
});
