import { EventEmitter } from 'node:events';
import type { IClientOptions, MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HazardMessage, ReadingMessage } from '@cc/shared';
import { CHANGZHOU_SCENARIO } from '../../demo/src/scenario/index';
import type { SimLogger } from '../../demo/src/simulator/connection-report';
import { createSimulator, type SimulatorOptions } from '../../demo/src/simulator/simulator';

interface Published {
  topic: string;
  payload: string;
  qos: number;
  retain: boolean;
}

/** Just enough of an mqtt.js client to watch what the simulator does with it. */
class FakeClient extends EventEmitter {
  connected = false;
  outgoing = {};
  stream = { destroy: vi.fn() };
  published: Published[] = [];
  subscribed: string[] = [];
  endedWith: boolean | undefined;
  constructor(readonly options: IClientOptions) {
    super();
  }
  publish(
    topic: string,
    payload: string,
    opts: { qos: number; retain?: boolean },
    cb: (err?: Error) => void,
  ) {
    this.published.push({ topic, payload, qos: opts.qos, retain: opts.retain === true });
    cb();
    return this;
  }
  subscribe(topics: string[], _opts: unknown, cb: (err?: Error) => void) {
    this.subscribed.push(...topics);
    cb();
    return this;
  }
  /** A message from the broker on one of the subscribed topics. */
  deliver(topic: string, payload: unknown) {
    this.emit('message', topic, Buffer.from(JSON.stringify(payload)));
  }
  goOnline() {
    this.connected = true;
    this.emit('connect');
  }
  endAsync(force = false) {
    this.endedWith = force;
    this.connected = false;
    return Promise.resolve();
  }
}

const ROOT = 'test-root/cc/v1';
const sites = CHANGZHOU_SCENARIO.slice(0, 3);
let clients: FakeClient[];
let warnings: string[];

function simulator(extra: Partial<SimulatorOptions> = {}) {
  const log: SimLogger = {
    debug: vi.fn(),
    info: vi.fn(),
    error: vi.fn(),
    warn: vi.fn((_: unknown, msg?: string) => void warnings.push(msg ?? '')) as SimLogger['warn'],
  };
  return createSimulator({
    url: 'mqtt://broker.test:1883',
    topicRoot: ROOT,
    sites,
    seed: 1,
    picture: false,
    logger: log,
    connect: (_url, options) => {
      const c = new FakeClient(options);
      clients.push(c);
      return c as unknown as MqttClient;
    },
    ...extra,
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2025-06-01T00:00:00Z') });
  clients = [];
  warnings = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the simulator', () => {
  it('connects once per agency as that agency, on MQTT 3.1.1', () => {
    simulator().start();
    expect(clients.map((c) => c.options.clientId)).toEqual(sites.map((s) => `${s.agency}.sim`));
    expect(clients.map((c) => c.options.username)).toEqual(sites.map((s) => s.agency));
    expect(clients.every((c) => c.options.protocolVersion === 4)).toBe(true);
  });

  it('publishes hazards retained on their own topics with QoS 1, then reading batches', () => {
    const sim = simulator();
    sim.start();
    const [a, b] = clients;
    a?.goOnline();
    b?.goOnline();
    const hazard = a?.published[0];
    const message = HazardMessage.parse(JSON.parse(hazard?.payload ?? 'null'));
    expect(hazard?.topic).toBe(`${ROOT}/${sites[0]?.agency}/hazard/${message.id}`);
    expect(hazard?.qos).toBe(1);
    expect(hazard?.retain).toBe(true);

    vi.advanceTimersByTime(2_000);
    const batch = a?.published[1];
    expect(batch?.topic).toBe(`${ROOT}/${sites[0]?.agency}/sensor`);
    expect(batch?.qos).toBe(0);
    const readings: unknown[] = JSON.parse(batch?.payload ?? '[]');
    expect(readings).toHaveLength(sites[0]?.hazard.sensors.length ?? -1);
    for (const r of readings) expect(ReadingMessage.safeParse(r).success).toBe(true);
    // The third agency never connected: its readings are dropped, not queued.
    expect(clients[2]?.published).toEqual([]);
    expect(sim.stats()).toMatchObject({ batchesPublished: 2, batchesSkipped: 1 });
  });

  it('re-publishes hazards every ten minutes and readings with QoS 1 on request', () => {
    simulator({ readingQos: 1 }).start();
    clients[0]?.goOnline();
    vi.advanceTimersByTime(600_000);
    const topics = clients[0]?.published.map((p) => p.topic.split('/')[4]) ?? [];
    expect(topics.filter((t) => t === 'hazard')).toHaveLength(2);
    expect(topics.filter((t) => t === 'sensor')).toHaveLength(300);
    expect(clients[0]?.published.every((p) => p.qos === 1)).toBe(true);
  });

  it('says once that the broker is unreachable, however many clients retry', () => {
    simulator().start();
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    for (let i = 0; i < 5; i++) for (const c of clients) c.emit('error', refused);
    expect(warnings).toEqual([
      'MQTT broker unreachable at mqtt://broker.test:1883 (ECONNREFUSED); retrying',
    ]);
  });

  it('stops publishing and ends every client, waiting for acks only where they can come', async () => {
    const sim = simulator();
    sim.start();
    clients[0]?.goOnline();
    await sim.stop();
    await sim.stop();
    expect(clients[0]?.endedWith).toBe(false);
    expect(clients[1]?.endedWith).toBe(true);
    const before = clients[0]?.published.length;
    vi.advanceTimersByTime(60_000);
    expect(clients[0]?.published.length).toBe(before);
  });
});

describe('the simulator with the city’s departments', () => {
  const department = (id: string) => clients.find((c) => c.options.username === id);

  it('connects them after the enterprises, each listening to its orders and rejects', () => {
    const sim = simulator({ picture: { everydayEveryMs: 0, seriousEveryMs: 0 } });
    sim.start();
    expect(sim.agencies.slice(0, sites.length)).toEqual(sites.map((s) => s.agency));
    expect(sim.agencies).toContain('cz-119');
    expect(clients).toHaveLength(sim.agencies.length);
    const fire = department('cz-119');
    fire?.goOnline();
    expect(fire?.subscribed).toEqual([`${ROOT}/cz-119/rejects`, `${ROOT}/cz-119/orders`]);
    clients[0]?.goOnline();
    expect(clients[0]?.subscribed).toEqual([`${ROOT}/${sites[0]?.agency}/rejects`]);
  });

  it('publishes a department’s picture on connect (QoS 1) and answers its orders', () => {
    const sim = simulator({ picture: { everydayEveryMs: 0, seriousEveryMs: 0 } });
    sim.start();
    const fire = department('cz-119');
    fire?.goOnline();
    const kinds = new Set(fire?.published.map((p) => p.topic.split('/').at(-1)));
    expect(kinds).toEqual(new Set(['incident', 'resource']));
    expect(fire?.published.filter((p) => p.qos === 1).length).toBeGreaterThan(20);
    const before = fire?.published.length ?? 0;
    fire?.deliver(`${ROOT}/cz-119/orders`, {
      id: 'ord-1',
      kind: 'dispatch',
      resourceId: 'TN-FE-02',
      incidentId: 'cz-119:HZ-TN-002',
      by: 'commander',
      sentAt: new Date().toISOString(),
    });
    vi.advanceTimersByTime(3_500);
    const after = fire?.published.slice(before) ?? [];
    const answer = after.find((p) => p.topic === `${ROOT}/cz-119/order`);
    expect(JSON.parse(answer?.payload ?? '{}')).toMatchObject({
      id: 'ord-1',
      status: 'acknowledged',
    });
    const unit = after.find((p) => p.topic === `${ROOT}/cz-119/resource` && p.qos === 1);
    expect(JSON.parse(unit?.payload ?? '{}')).toMatchObject({ id: 'TN-FE-02', status: 'en_route' });
    expect(sim.stats()).toMatchObject({ ordersReceived: 1 });
  });

  it('sends the weather bureau’s warnings as CAP XML and logs refusals it is told of', () => {
    simulator({ picture: { everydayEveryMs: 0, seriousEveryMs: 0 } }).start();
    const weather = department('cz-weather');
    weather?.goOnline();
    // Its warnings, then its stations' first observations (kind `weather`).
    const topics = weather?.published.map((p) => p.topic) ?? [];
    expect(topics.filter((t) => t.endsWith('/weather'))).toHaveLength(4);
    expect(topics.filter((t) => !t.endsWith('/weather'))).toEqual([
      `${ROOT}/cz-weather/warning`,
      `${ROOT}/cz-weather/warning`,
      `${ROOT}/cz-weather/warning`,
    ]);
    expect(weather?.published[0]?.payload).toMatch(/^<\?xml[^]*<status>Actual<\/status>/);
    weather?.deliver(`${ROOT}/cz-weather/rejects`, {
      code: 'feed.invalid',
      reason: 'areas.0: bad',
    });
    expect(warnings).toEqual(['the command center refused a message of cz-weather: areas.0: bad']);
  });

  it('leaves serious incidents out when the alarm episodes are off', () => {
    const sim = simulator({ episodes: false, picture: { everydayEveryMs: 0 } });
    sim.start();
    department('cz-emergency')?.goOnline();
    department('cz-119')?.goOnline();
    vi.advanceTimersByTime(30 * 60_000);
    const generated = clients
      .flatMap((c) => c.published)
      .filter((p) => p.topic.endsWith('/incident') && p.payload.includes('"id":"SJ'));
    expect(generated).toEqual([]);
  });
});
