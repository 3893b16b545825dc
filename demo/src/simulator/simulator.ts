import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { createTopics, DEFAULT_TOPIC_ROOT, OrderNotice, type RejectNotice } from '@cc/shared';
import { createLogger } from '@cc/shared/node';
import { createPicture, type Picture, type PictureOptions } from '../picture/picture';
import type { Outgoing } from '../picture/types';
import { CHANGZHOU_SCENARIO } from '../scenario/index';
import type { ScenarioSite } from '../scenario/types';
import { createConnectionReport, type SimLogger } from './connection-report';
import { createEngine, type EpisodeSchedule, type SimulationEngine } from './engine';

export interface SimulatorOptions {
  url: string;
  topicRoot?: string;
  sites?: readonly ScenarioSite[];
  seed?: number;
  /** Readings: one batch per agency every interval. */
  intervalMs?: number;
  /** Hazard messages are re-sent this often (and on every (re)connect) so late joiners see them. */
  hazardRepublishMs?: number;
  /** QoS of readings; telemetry is latest-wins, so 0 by default. Hazards always use QoS 1. */
  readingQos?: 0 | 1;
  /** 4 = MQTT 3.1.1 (every broker, including the embedded one); 5 = MQTT v5. */
  protocolVersion?: 4 | 5;
  /** Credentials per agency; the username defaults to the agency id. */
  credentials?: (agency: string) => { username: string; password?: string };
  episodes?: Partial<EpisodeSchedule> | false;
  /**
   * The city's departments: incidents, resources (moving, answering orders), warnings and risk
   * areas. `false` publishes hazards and readings only. With `episodes: false` no serious
   * incident is generated either.
   */
  picture?: Omit<PictureOptions, 'seed' | 'utcOffsetMinutes'> | false;
  /** How often the picture advances: order answers, vehicle moves, new incidents. */
  pictureTickMs?: number;
  /**
   * MQTT client ids are `{agency}.{clientIdSuffix}` (`sim` by default): a client id of the
   * agency's own account, as the embedded broker requires (Mosquitto uses the account id).
   */
  clientIdSuffix?: string;
  reconnectPeriodMs?: number;
  /** How long stop() waits for outstanding QoS 1 acknowledgements before giving up. */
  stopTimeoutMs?: number;
  logger?: SimLogger;
  /** Replaceable for tests. */
  connect?: (url: string, options: IClientOptions) => MqttClient;
  now?: () => number;
}

export interface SimulatorStats {
  hazardsPublished: number;
  batchesPublished: number;
  /** Reading batches not sent because the agency's client was offline (telemetry is not queued). */
  batchesSkipped: number;
  /** Incident, resource, warning, risk-area and order-answer messages (positions not counted). */
  picturePublished: number;
  positionsPublished: number;
  ordersReceived: number;
  /** Reject notices the command center sent back to the demo's agencies. */
  rejectsReceived: number;
  publishErrors: number;
}

export interface Simulator {
  readonly engine: SimulationEngine;
  /** Undefined with `picture: false`. */
  readonly picture: Picture | undefined;
  /** Every agency the simulator publishes as: the enterprises, then the public agencies. */
  readonly agencies: readonly string[];
  /** Connects one client per agency and starts publishing; returns at once (clients retry). */
  start(): void;
  /** Stops the timers and ends every client gracefully; idempotent. */
  stop(): Promise<void>;
  stats(): SimulatorStats;
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const log = options.logger ?? createLogger('simulator', 'silent');
  const now = options.now ?? Date.now;
  const connect = options.connect ?? mqtt.connect;
  const topics = createTopics(options.topicRoot ?? DEFAULT_TOPIC_ROOT);
  const engine = createEngine({
    sites: options.sites ?? CHANGZHOU_SCENARIO,
    seed: options.seed ?? 1,
    ...(options.episodes === undefined ? {} : { episodes: options.episodes }),
  });
  const picture =
    options.picture === false
      ? undefined
      : createPicture({
          seed: options.seed ?? 1,
          ...options.picture,
          ...(options.episodes === false ? { seriousEveryMs: 0 } : {}),
        });
  const pictureAgencies = new Set(picture?.agencies ?? []);
  const agencies = [...new Set([...engine.agencies, ...pictureAgencies])];
  const readingQos = options.readingQos ?? 0;
  const report = createConnectionReport(log, options.url, agencies.length);
  const stats: SimulatorStats = {
    hazardsPublished: 0,
    batchesPublished: 0,
    batchesSkipped: 0,
    picturePublished: 0,
    positionsPublished: 0,
    ordersReceived: 0,
    rejectsReceived: 0,
    publishErrors: 0,
  };
  const clients = new Map<string, MqttClient>();
  /** Agencies whose picture is being sent again after a (re)connect. */
  const reconnecting = new Set<string>();
  const timers: NodeJS.Timeout[] = [];
  let stopping: Promise<void> | undefined;

  function published(agency: string, what: string) {
    return (err?: Error) => {
      if (!err) return;
      stats.publishErrors += 1;
      log.warn({ agency, err: err.message }, `publishing ${what} for ${agency} failed`);
    };
  }

  // A hazard's definition does not change while the simulator runs: one observation time keeps
  // republished copies duplicates that ingest applies once.
  const definedAt = now();

  /**
   * Retained, one topic per hazard: the broker hands the current definitions to any subscriber
   * that starts later (ingest after the simulator, a restarted ingest on a fresh broker).
   */
  function publishHazards(agency: string, client: MqttClient): void {
    for (const hazard of engine.hazards(agency, definedAt)) {
      stats.hazardsPublished += 1;
      const topic = topics.feed(agency, 'hazard', hazard.id);
      client.publish(
        topic,
        JSON.stringify(hazard),
        { qos: 1, retain: true },
        published(agency, 'hazard'),
      );
    }
  }

  function tick(): void {
    for (const { agency, readings } of engine.tick(now())) {
      const client = clients.get(agency);
      // Readings are latest-wins: an offline agency's are dropped, not queued for a later burst.
      if (!client?.connected) {
        stats.batchesSkipped += 1;
        continue;
      }
      stats.batchesPublished += 1;
      const topic = topics.feed(agency, 'sensor');
      client.publish(
        topic,
        JSON.stringify(readings),
        { qos: readingQos },
        published(agency, 'readings'),
      );
    }
  }

  /**
   * Events (QoS 1) go out even while the agency is offline: mqtt.js sends them on reconnect.
   * Positions are telemetry: an offline agency's are dropped.
   */
  function publishPicture(messages: readonly Outgoing[], onSent?: () => void): void {
    for (const m of messages) {
      const client = clients.get(m.agency);
      if (!client) continue;
      if (m.telemetry && (!client.connected || reconnecting.has(m.agency))) continue;
      if (m.telemetry) stats.positionsPublished += 1;
      else stats.picturePublished += 1;
      const payload = typeof m.body === 'string' ? m.body : JSON.stringify(m.body);
      const report = published(m.agency, m.kind);
      client.publish(
        topics.feed(m.agency, m.kind),
        payload,
        { qos: m.telemetry ? 0 : 1 },
        (err) => {
          report(err);
          onSent?.();
        },
      );
    }
  }

  /**
   * Sends an agency's picture again on (re)connect. Its positions wait until the broker has
   * taken every full message: a position the broker forwarded ahead of its unit's first full
   * message (QoS 0 overtaking QoS 1) would be refused as an unknown resource.
   */
  function republish(agency: string): void {
    if (!picture) return;
    const messages = picture.snapshot(agency);
    let left = messages.length;
    if (left === 0) return;
    reconnecting.add(agency);
    publishPicture(messages, () => {
      if (--left === 0) reconnecting.delete(agency);
    });
  }

  function pictureTick(): void {
    if (picture) publishPicture(picture.tick(now()));
  }

  /** Orders to the agency's resources, and the command center's refusals of its messages. */
  function onMessage(agency: string, topic: string, payload: Buffer): void {
    let data: unknown;
    try {
      data = JSON.parse(payload.toString('utf8'));
    } catch {
      log.warn({ agency, topic }, `${agency} received a message that is not JSON on ${topic}`);
      return;
    }
    if (topic === topics.rejects(agency)) {
      stats.rejectsReceived += 1;
      // Only logged: a refusal means the demo publishes something the contract does not allow.
      const { code, reason } = (data ?? {}) as Partial<RejectNotice>;
      log.warn({ agency, code }, `the command center refused a message of ${agency}: ${reason}`);
      return;
    }
    const notice = OrderNotice.safeParse(data);
    if (!notice.success || !picture) {
      log.warn({ agency, topic }, `${agency} received an order it cannot read`);
      return;
    }
    stats.ordersReceived += 1;
    log.info(
      { agency, order: notice.data.id, kind: notice.data.kind, resource: notice.data.resourceId },
      `${agency} received a ${notice.data.kind} order for ${notice.data.resourceId}`,
    );
    picture.receiveOrder(agency, notice.data, now());
  }

  function connectAgency(agency: string): MqttClient {
    const credentials = options.credentials?.(agency) ?? { username: agency };
    const client = connect(options.url, {
      clientId: `${agency}.${options.clientIdSuffix ?? 'sim'}`,
      protocolVersion: options.protocolVersion ?? 4,
      clean: true,
      reconnectPeriod: options.reconnectPeriodMs ?? 2_000,
      connectTimeout: 10_000,
      queueQoSZero: false,
      ...credentials,
    });
    client.on('connect', () => {
      report.onConnect(agency);
      publishHazards(agency, client);
      const listen = [topics.rejects(agency)];
      if (pictureAgencies.has(agency)) listen.push(topics.orders(agency));
      client.subscribe(listen, { qos: 1 }, (err) => {
        if (err)
          log.warn({ agency, err: err.message }, `${agency} could not subscribe to its orders`);
      });
      if (pictureAgencies.has(agency)) republish(agency);
    });
    client.on('message', (topic, payload) => onMessage(agency, topic, payload));
    client.on('close', () => report.onClose(agency));
    client.on('offline', () => report.onOffline());
    client.on('error', (err) => report.onError(agency, err));
    return client;
  }

  async function endClient(agency: string, client: MqttClient, timeoutMs: number): Promise<void> {
    // Offline: nothing can be acknowledged any more, so do not wait for it.
    if (!client.connected) return client.endAsync(true);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([client.endAsync(false), timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      const pending = Object.keys(client.outgoing).length;
      log.warn({ agency, pending }, `gave up waiting for ${pending} acknowledgements of ${agency}`);
      client.stream.destroy();
    }
  }

  return {
    engine,
    picture,
    agencies,
    start() {
      if (clients.size > 0 || stopping) return;
      picture?.start(now());
      for (const agency of agencies) clients.set(agency, connectAgency(agency));
      timers.push(setInterval(tick, options.intervalMs ?? 2_000));
      if (picture) timers.push(setInterval(pictureTick, options.pictureTickMs ?? 500));
      timers.push(
        setInterval(() => {
          for (const [agency, client] of clients) {
            if (client.connected) publishHazards(agency, client);
          }
        }, options.hazardRepublishMs ?? 600_000),
      );
    },
    stop() {
      stopping ??= (async () => {
        for (const t of timers) clearInterval(t);
        const timeoutMs = options.stopTimeoutMs ?? 5_000;
        const ended = [...clients].map(([agency, client]) => endClient(agency, client, timeoutMs));
        const results = await Promise.allSettled(ended);
        for (const r of results) {
          if (r.status === 'rejected')
            log.warn({ err: String(r.reason) }, 'ending a client failed');
        }
        log.info({ ...stats }, 'simulator stopped');
      })();
      return stopping;
    },
    stats: () => ({ ...stats }),
  };
}
