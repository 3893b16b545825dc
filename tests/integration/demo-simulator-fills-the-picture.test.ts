import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectNotice } from '@cc/shared';
import { createKeys, loadAgencies, type Redis, type StateKind } from '@cc/shared/node';
import { startEmbeddedBroker } from '../../ingest/src/broker/embedded';
import type { RunningIngest } from '../../ingest/src/ingest';
import {
  DEMO_AGENCIES_FILE,
  DEMO_INGEST_ACCOUNT,
  demoPassword,
} from '../../demo/src/demo-credentials';
import { ACTIVE_INCIDENTS, CLOSED_ACCIDENTS } from '../../demo/src/scenario/incidents';
import { CHANGZHOU_SCENARIO } from '../../demo/src/scenario/index';
import { DEMO_RESOURCES } from '../../demo/src/scenario/resources';
import { DEMO_RISK_AREAS } from '../../demo/src/scenario/risk-areas';
import { DEMO_WARNINGS } from '../../demo/src/scenario/warnings';
import { createSimulator, type Simulator } from '../../demo/src/simulator/simulator';
import { BROKERS } from '../helpers/brokers';
import { isolate, type Isolation } from '../helpers/isolation';
import { startTestIngest } from '../helpers/product';
import { connectRedis, dropPrefix, readStream } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

/**
 * The products the demo runs against: the embedded broker with the demo's accounts and topic
 * ACL (as `npm start` runs it, so every demo agency must log in and publish only its own
 * topics) and the machine's Mosquitto without accounts.
 */
const PRODUCTS = [
  {
    name: 'embedded Aedes with the demo accounts',
    async start(iso: Isolation) {
      const broker = await startEmbeddedBroker(0, '127.0.0.1', {
        auth: { agencies: loadAgencies(DEMO_AGENCIES_FILE), topicRoot: iso.topicRoot },
      });
      const url = `mqtt://127.0.0.1:${broker.port}`;
      const ingest = await startTestIngest(iso, url, {
        AGENCIES_FILE: DEMO_AGENCIES_FILE,
        MQTT_USERNAME: DEMO_INGEST_ACCOUNT,
        MQTT_PASSWORD: demoPassword(DEMO_INGEST_ACCOUNT),
        INGEST_CLIENT_ID: DEMO_INGEST_ACCOUNT,
      });
      return { url, ingest, stop: () => broker.close() };
    },
  },
  {
    name: 'Mosquitto',
    async start(iso: Isolation) {
      const { url, stop } = await BROKERS[1]!.start();
      return { url, ingest: await startTestIngest(iso, url), stop };
    },
  },
];

describe.each(PRODUCTS)('the demo simulator on $name', (product) => {
  const iso = isolate('demo-picture');
  const keys = createKeys(iso.prefix);
  let redis: Redis;
  let ingest: RunningIngest;
  let stopBroker: () => Promise<void>;
  let sim: Simulator;
  const count = (kind: StateKind) => redis.hLen(keys.state(kind));

  beforeAll(async () => {
    redis = await connectRedis();
    const started = await product.start(iso);
    ingest = started.ingest;
    stopBroker = started.stop;
    sim = createSimulator({
      url: started.url,
      topicRoot: iso.topicRoot,
      seed: 11,
      intervalMs: 1_000,
      clientIdSuffix: iso.clientId('sim'),
      credentials: (agency) => ({ username: agency, password: demoPassword(agency) }),
      // New incidents within seconds, and vehicles that arrive while the test watches.
      picture: {
        everydayEveryMs: 2_000,
        seriousEveryMs: 4_000,
        firstSeriousAfterMs: 1_000,
        speedFactor: 200,
      },
      pictureTickMs: 250,
    });
    sim.start();
  });
  afterAll(async () => {
    await sim.stop();
    await ingest.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
    await stopBroker();
  });

  it('stores incidents, resources, warnings, risk areas and hazards, and nothing is refused', async () => {
    const opening = ACTIVE_INCIDENTS.length + CLOSED_ACCIDENTS.length;
    await waitFor(
      async () =>
        (await count('incident')) > opening &&
        (await count('resource')) === DEMO_RESOURCES.length &&
        (await count('warning')) === DEMO_WARNINGS.length &&
        (await count('riskarea')) === DEMO_RISK_AREAS.length &&
        (await count('hazard')) === CHANGZHOU_SCENARIO.length &&
        (await count('position')) >= 5,
      'the whole picture stored',
      20_000,
    );
    // A few more seconds of life: trips end, incidents move on, positions keep coming.
    await new Promise((r) => setTimeout(r, 3_000));
    const rejects = await readStream<RejectNotice>(redis, keys.rejects);
    expect(rejects.map((r) => `${r.agency} ${r.code} ${r.reason}`)).toEqual([]);
    expect(sim.stats()).toMatchObject({ publishErrors: 0, rejectsReceived: 0 });
    expect(await count('warning')).toBe(DEMO_WARNINGS.length);

    const statuses = Object.values(await redis.hGetAll(keys.state('resource'))).map(
      (json) => (JSON.parse(json) as { status: string }).status,
    );
    expect(statuses).toContain('on_scene');
    expect(statuses).toContain('available');
    const levels = Object.values(await redis.hGetAll(keys.state('incident'))).map(
      (json) => (JSON.parse(json) as { level: string }).level,
    );
    expect(levels.filter((l) => l === 'II' || l === 'I').length).toBeGreaterThanOrEqual(2);
  });
});
