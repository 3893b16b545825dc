import { createTopics } from '@cc/shared';
import { forkWorker, rssBytes, type Worker } from './procs';
import { runStep, streamAdded, type Rig, type StepResult } from './steps';

/** Connects `count` clients, at most 250 per process; the first `probes` track telemetry. */
export async function connectClients(
  rig: Rig,
  count: number,
  probes: number,
  tablets = 0.2,
): Promise<{ ms: number }> {
  const perProcess = 250;
  const workers: Worker[] = [];
  for (let i = 0; i < Math.ceil(count / perProcess); i++) {
    workers.push(forkWorker('bench/workers/clients.ts', `clients${i + 1}`));
  }
  const started = performance.now();
  await Promise.all(
    workers.map((w, i) =>
      w.call('connect', {
        url: rig.stack.serverUrl,
        count: Math.min(perProcess, count - i * perProcess),
        sensors: rig.sensors,
        vehicles: rig.vehicles,
        probes: i === 0 ? probes : 0,
        tablets,
      }),
    ),
  );
  rig.clients = workers;
  return { ms: performance.now() - started };
}

export async function closeClients(rig: Rig) {
  await Promise.all(rig.clients.map((c) => c.call('close').catch(() => undefined)));
  await Promise.all(rig.clients.map((c) => c.stop()));
  rig.clients = [];
}

export interface FanoutResult {
  clients: number;
  connectMs: number;
  /** Server memory with no client, and added per client once connected (MiB, KiB). */
  serverIdleMiB: number;
  serverKiBPerClient: number;
  step: StepResult;
}

/** The same load with 10, 100, 500 clients: what each costs the server, and what they get. */
export async function fanout(
  rig: Rig,
  sizes: number[],
  run: { rate: number; seconds: number; perMessage: number; eventsPerSecond: number },
  /** Pause for the server's memory to settle before and after the screens connect. */
  settleMs = 2_000,
): Promise<FanoutResult[]> {
  const results: FanoutResult[] = [];
  for (const n of sizes) {
    await closeClients(rig);
    await new Promise((r) => setTimeout(r, settleMs));
    const serverPid = rig.stack.pids().server!;
    const idle = rssBytes(serverPid);
    const { ms } = await connectClients(rig, n, 2);
    await new Promise((r) => setTimeout(r, settleMs));
    const connected = rssBytes(serverPid);
    const step = await runStep(rig, `fan-out ${n}`, { ...run, qos: 0 });
    results.push({
      clients: n,
      connectMs: ms,
      serverIdleMiB: idle / 1048576,
      serverKiBPerClient: (connected - idle) / 1024 / n,
      step,
    });
  }
  await closeClients(rig);
  return results;
}

export interface ResumeResult {
  events: number;
  /** Events per second ingest stored from the burst (incident and status messages, QoS 1). */
  ingestEventsPerSecond: number;
  /** A client that missed them, to having every one: server running (ring) and just restarted. */
  warmMs: number;
  coldMs: number;
  received: number;
}

async function lastEventId(rig: Rig): Promise<string> {
  const [last] =
    (await rig.stack.redis.xRevRange(`${rig.stack.prefix}events`, '+', '-', { COUNT: 1 })) ?? [];
  return last?.id ?? '0-0';
}

/** `count` events published while a client is away; then it reconnects with its last id. */
export async function resume(rig: Rig, count: number): Promise<ResumeResult> {
  const key = `${rig.stack.prefix}events`;
  const since = await lastEventId(rig);
  const added = await streamAdded(rig.stack.redis, key);
  const started = performance.now();
  await rig.generator.call('burst', { count });
  while ((await streamAdded(rig.stack.redis, key)) - added < count) {
    if (performance.now() - started > 120_000) throw new Error('resume: events not stored');
    await new Promise((r) => setTimeout(r, 20));
  }
  const ingestSeconds = (performance.now() - started) / 1000;
  const until = await lastEventId(rig);
  const worker = forkWorker('bench/workers/clients.ts', 'resume');
  try {
    const warm = await worker.call<{ ms: number; received: number }>('resume', {
      url: rig.stack.serverUrl,
      since,
      until,
    });
    await rig.stack.stopServer();
    await rig.stack.startServer();
    const cold = await worker.call<{ ms: number; received: number }>('resume', {
      url: rig.stack.serverUrl,
      since,
      until,
    });
    return {
      events: count,
      ingestEventsPerSecond: count / ingestSeconds,
      warmMs: warm.ms,
      coldMs: cold.ms,
      received: warm.received,
    };
  } finally {
    await worker.stop();
  }
}

export interface RelayResult {
  qos: 0 | 1;
  perMessage: number;
  messages: number;
  delivered: number;
  messagesPerSecond: number;
  itemsPerSecond: number;
}

/** Generator → broker → bare subscriber: the broker's ceiling, with nothing of ours behind it. */
export async function relay(
  rig: Rig,
  cases: { qos: 0 | 1; perMessage: number; messages: number }[],
): Promise<RelayResult[]> {
  const subscriber = forkWorker('bench/workers/relay.ts', 'relay');
  const out: RelayResult[] = [];
  try {
    const relayRoot = 'bench-relay/v1';
    for (const c of cases) {
      await subscriber.call('start', {
        url: rig.stack.brokerUrl,
        filter: createTopics(relayRoot).anyAgency,
        qos: c.qos,
      });
      await subscriber.call('reset');
      await rig.generator.call('relay', { relayRoot, ...c });
      // Let the subscriber take what is still on its way.
      let last = -1;
      for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const s = await subscriber.call<{ messages: number }>('stats');
        if (s.messages === last || s.messages >= c.messages) break;
        last = s.messages;
      }
      const s = await subscriber.call<{ messages: number; seconds: number }>('stats');
      await subscriber.call('close');
      out.push({
        ...c,
        delivered: s.messages,
        messagesPerSecond: s.messages / s.seconds,
        itemsPerSecond: (s.messages * c.perMessage) / s.seconds,
      });
    }
  } finally {
    await subscriber.stop();
  }
  return out;
}
