import mqtt from 'mqtt';
import { pino } from 'pino';
import { performance } from 'node:perf_hooks';
import { startServer } from '../server/src/server';
import { hazardMessage } from '../tests/helpers/fixtures';
import { connectLive } from '../tests/helpers/live-client';
import { startBenchIngest } from './setup';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * Alarm events from MQTT publish to a Socket.IO client: each reading crosses high-high one way
 * or the other, so each causes exactly one event. Paced at 50 a second.
 */
export async function benchLatency(options: { events: number }) {
  const env = await startBenchIngest('latency');
  const server = await startServer({ ...env.config, CLIENT_DIST: '' }, pino({ level: 'silent' }));
  const client = connectLive(server.url);
  const pub = await mqtt.connectAsync(env.url, { clientId: env.iso.clientId('pub') });
  const agency = 'ent-bench';
  try {
    const hazard = hazardMessage('lat');
    await pub.publishAsync(`${env.iso.topicRoot}/${agency}/hazard`, JSON.stringify(hazard), {
      qos: 1,
    });
    await new Promise<void>((r) => client.socket.once('snapshot', () => r()));
    const sent = new Map<number, number>();
    const latencies: number[] = [];
    client.socket.on('events', (batch) => {
      const now = performance.now();
      for (const e of batch.events) {
        if (e.kind !== 'alarm' || e.op !== 'upsert') continue;
        const at = sent.get(e.data.updatedAt);
        if (at !== undefined) latencies.push(now - at);
      }
    });
    const t0 = Date.now() - 3_600_000;
    for (let i = 0; i < options.events; i++) {
      const ts = t0 + i * 1000;
      const value = i % 2 === 0 ? 97 : 50;
      sent.set(ts, performance.now());
      await pub.publishAsync(
        `${env.iso.topicRoot}/${agency}/sensor`,
        JSON.stringify({ id: hazard.sensors[0]!.id, ts: new Date(ts).toISOString(), value }),
        { qos: 0 },
      );
      await new Promise((r) => setTimeout(r, 20));
    }
    const deadline = Date.now() + 10_000;
    while (latencies.length < options.events && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const f = (p: number) => percentile(sorted, p).toFixed(1);
    return {
      events: `${latencies.length}/${options.events}`,
      summary: `${f(50)} / ${f(95)} / ${f(99)}`,
    };
  } finally {
    client.close();
    await pub.endAsync();
    await server.close();
    await env.stop();
  }
}
