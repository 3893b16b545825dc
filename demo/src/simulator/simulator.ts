import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { createTopics, DEFAULT_TOPIC_ROOT } from '@cc/shared';
import { createLogger } from '@cc/shared/node';
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
  publishErrors: number;
}

export interface Simulator {
  readonly engine: SimulationEngine;
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
  const readingQos = options.readingQos ?? 0;
  const report = createConnectionReport(log, options.url, engine.agencies.length);
  const stats: SimulatorStats = {
    hazardsPublished: 0,
    batchesPublished: 0,
    batchesSkipped: 0,
    publishErrors: 0,
  };
  const clients = new Map<string, MqttClient>();
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

  function connectAgency(agency: string): MqttClient {
    const credentials = options.credentials?.(agency) ?? { username: agency };
    const client = connect(options.url, {
      clientId: `sim-${agency}`,
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
    });
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
    start() {
      if (clients.size > 0 || stopping) return;
      for (const agency of engine.agencies) clients.set(agency, connectAgency(agency));
      timers.push(setInterval(tick, options.intervalMs ?? 2_000));
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
