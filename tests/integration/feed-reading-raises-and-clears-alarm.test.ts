import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { Alarm, Reading, type LiveEvent } from '@cc/shared';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningIngest } from '../../ingest/src/ingest';
import { BROKERS } from '../helpers/brokers';
import { hazardMessage, reading } from '../helpers/fixtures';
import { isolate } from '../helpers/isolation';
import { connectPublisher } from '../helpers/mqtt';
import { startTestIngest } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

describe.each(BROKERS)('on $name: a reading past a threshold', (broker) => {
  const iso = isolate('alarm');
  const keys = createKeys(iso.prefix);
  const agency = 'ent-test';
  const t0 = Date.now() - 30_000;
  let redis: Redis;
  let ingest: RunningIngest;
  let pub: MqttClient;
  let stopBroker: () => Promise<void>;

  const topic = (kind: string) => `${iso.topicRoot}/${agency}/${kind}`;
  const stored = async (id: string) => {
    const json = await redis.hGet(keys.state('reading'), `${agency}:${id}`);
    return json ? Reading.parse(JSON.parse(json)) : undefined;
  };
  const events = async () =>
    ((await redis.xRange(keys.events, '-', '+')) ?? []).map(
      (m) => JSON.parse(m.message.e!) as LiveEvent,
    );

  beforeAll(async () => {
    const b = await broker.start();
    stopBroker = b.stop;
    redis = await connectRedis();
    ingest = await startTestIngest(iso, b.url);
    pub = await connectPublisher(b.url, iso.clientId('pub'));
    await pub.publishAsync(topic('hazard'), JSON.stringify(hazardMessage()), { qos: 1 });
    await waitFor(() => redis.hGet(keys.state('hazard'), `${agency}:tank-farm-1`), 'hazard');
  });

  afterAll(async () => {
    await pub.endAsync();
    await ingest.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
    await stopBroker();
  });

  it('raises an alarm at high-high, then clears it once back below high minus the deadband', async () => {
    const lt = 'tank-farm-1-lt1';
    await pub.publishAsync(topic('sensor'), JSON.stringify(reading(lt, 70, t0)), { qos: 1 });
    await waitFor(async () => (await stored(lt))?.value === 70, 'normal reading');
    expect((await stored(lt))?.level).toBe('normal');

    await pub.publishAsync(topic('sensor'), JSON.stringify(reading(lt, 96.5, t0 + 1000)), {
      qos: 1,
    });
    const hh = await waitFor(async () => {
      const r = await stored(lt);
      return r?.level === 'HH' ? r : undefined;
    }, 'high-high reading');
    const alarmJson = await redis.hGet(keys.state('alarm'), hh.alarmId!);
    const alarm = Alarm.parse(JSON.parse(alarmJson!));
    expect(alarm).toMatchObject({
      status: 'active',
      level: 'HH',
      hazardId: `${agency}:tank-farm-1`,
      raisedValue: 96.5,
    });

    // Inside the deadband: still in alarm (84 > 85 - 2).
    await pub.publishAsync(topic('sensor'), JSON.stringify(reading(lt, 84, t0 + 2000)), { qos: 1 });
    await waitFor(async () => (await stored(lt))?.value === 84, 'reading in the deadband');
    expect((await stored(lt))?.level).toBe('H');

    await pub.publishAsync(topic('sensor'), JSON.stringify(reading(lt, 80, t0 + 3000)), { qos: 1 });
    await waitFor(async () => (await stored(lt))?.level === 'normal', 'cleared reading');
    expect(await redis.hLen(keys.state('alarm'))).toBe(0);

    const alarmEvents = (await events()).filter((e) => e.kind === 'alarm').map((e) => e.data);
    expect(alarmEvents.map((a) => [a.status, a.level])).toEqual([
      ['active', 'HH'],
      ['active', 'H'],
      ['cleared', 'H'],
    ]);
    expect(alarmEvents[2]).toMatchObject({ id: alarm.id, peak: 'HH', lastValue: 80 });
  });
});
