import mqtt from 'mqtt';
import { performance } from 'node:perf_hooks';
import { createKeys } from '@cc/shared/node';
import { hazardMessage } from '../tests/helpers/fixtures';
import { startBenchIngest } from './setup';

const SENSORS = 50;
const BATCH = 100;

/** Readings over MQTT until every one is in Redis (each sensor's history holds them all). */
export async function benchIngest(options: { qos: 0 | 1; readings: number }) {
  const env = await startBenchIngest(`ingest-q${options.qos}`);
  const keys = createKeys(env.iso.prefix);
  const agency = 'ent-bench';
  const pub = await mqtt.connectAsync(env.url, { clientId: env.iso.clientId('pub') });
  try {
    const hazard = hazardMessage('bench');
    hazard.sensors = Array.from({ length: SENSORS }, (_, i) => ({
      id: `s${i}`,
      metric: 'level',
      unit: '%',
      thresholds: { high: 85, highHigh: 95 },
      interval: 5,
    }));
    await pub.publishAsync(`${env.iso.topicRoot}/${agency}/hazard`, JSON.stringify(hazard), {
      qos: 1,
    });
    const t0 = Date.now() - 3_600_000;
    const started = performance.now();
    for (let n = 0; n < options.readings; n += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, j) => {
        const k = n + j;
        return { id: `s${k % SENSORS}`, ts: new Date(t0 + k * 10).toISOString(), value: 50 };
      });
      const done = pub.publishAsync(
        `${env.iso.topicRoot}/${agency}/sensor`,
        JSON.stringify(batch),
        {
          qos: options.qos,
        },
      );
      if (options.qos === 1) await done;
    }
    const deadline = Date.now() + 120_000;
    for (;;) {
      const counts = await Promise.all(
        Array.from({ length: SENSORS }, (_, i) => env.redis.zCard(keys.series(`${agency}:s${i}`))),
      );
      const stored = counts.reduce((a, b) => a + b, 0);
      if (stored >= Math.min(options.readings, SENSORS * env.config.SERIES_MAXLEN)) break;
      if (Date.now() > deadline) throw new Error(`only ${stored} of ${options.readings} stored`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    return { readings: options.readings, perSecond: options.readings / seconds };
  } finally {
    await pub.endAsync();
    await env.stop();
  }
}
