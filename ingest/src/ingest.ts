import { createClient } from 'redis';
import { createTopics, DEFAULT_COVERAGE_TARGET_MIN } from '@cc/shared';
import {
  agencyPrincipals,
  createKeys,
  loadAgencies,
  type Config,
  type Logger,
  type Redis,
} from '@cc/shared/node';
import { createPipeline } from './pipeline';
import { subscriptionsOf } from './mqtt/subscriptions';
import { createStoredState } from './feeds/stored';
import { loadServiceArea } from './feeds/service-area';
import { startSubscriber, type Subscriber } from './mqtt/subscriber';
import { startSweepers } from './sweepers/start';
import { loadRoadNetwork } from '../../server/src/query/roads/load';
import { createCameraProbe } from './cameras/probe';
import { startSweeper } from './sweepers/loop';
import { sweepOrderTimeouts } from './sweepers/orders';
import { sweepOverdue } from './sweepers/overdue';
import { sweepReportClocks } from './sweepers/reports';
import { createFeedHealth } from './health/feed-health';
import { startCommandConsumer } from './commands/consumer';
import { trackBrokerSession, type BrokerSession } from './health/broker-session';
import { BROKER_SYS_FILTERS, createBrokerCounters } from './health/broker-counters';
import { startLivenessRecord } from './health/liveness';
import { createIngestMetrics, serveIngestMetrics } from './health/metrics';
import { startRiskAssessor, type RiskAssessor } from './risk/assessor';
import type { FeedContext } from './feeds/context';

export type IngestConfig = Pick<
  Config,
  | 'REDIS_URL'
  | 'REDIS_PREFIX'
  | 'MQTT_URL'
  | 'MQTT_USERNAME'
  | 'MQTT_PASSWORD'
  | 'AGENCIES_FILE'
  | 'MQTT_PROTOCOL_VERSION'
  | 'MQTT_TOPIC_ROOT'
  | 'INGEST_CLIENT_ID'
  | 'INGEST_PARTITION'
  | 'MAX_PAYLOAD_BYTES'
  | 'MAX_FUTURE_SKEW_S'
  | 'MAX_PAST_TELEMETRY_S'
  | 'MAX_PAST_EVENT_S'
  | 'MAX_PAST_REGISTRATION_S'
  | 'SERVICE_AREA_BBOX'
  | 'SERVICE_AREA_FILE'
  | 'EVENTS_MAXLEN'
  | 'TELEMETRY_MAXLEN'
  | 'REJECTS_MAXLEN'
  | 'SERIES_MAXLEN'
  | 'SWEEP_INTERVAL_MS'
  | 'OFFLINE_ALARMS'
  | 'CAMERA_PROBE'
  | 'CAMERA_PROBE_INTERVAL_S'
  | 'CAMERA_PROBE_CONCURRENCY'
  | 'CAMERA_PROBE_TIMEOUT_MS'
  | 'RISK_ASSESSMENT'
  | 'ORDER_ACK_TIMEOUT_S'
  | 'HH_SWEEP_INTERVAL_MS'
  | 'REPORT_FIRST_S'
  | 'REPORT_WRITTEN_S'
  | 'REPORT_FOLLOWUP_S'
  | 'INGEST_BATCH_MESSAGES'
  | 'INGEST_QUEUE_MESSAGES'
  | 'INGEST_QUEUE_BYTES'
  | 'INGEST_METRICS_PORT'
  | 'HOST'
> &
  /** Fire-rescue coverage: its target and the road network (absent: 5 min, straight line). */
  Partial<Pick<Config, 'COVERAGE_TARGET_MIN' | 'ROADS_FILE'>>;

/** Connects Redis and the broker and starts applying feed messages. */
export async function startIngest(config: IngestConfig, log: Logger) {
  const keys = createKeys(config.REDIS_PREFIX);
  const topics = createTopics(config.MQTT_TOPIC_ROOT);
  // Read before connecting anything: a bad agencies file, a client id that is not the worker's
  // account's or a partition without agencies stops ingest at once.
  const file = config.AGENCIES_FILE ? loadAgencies(config.AGENCIES_FILE) : undefined;
  const agencies = file ? agencyPrincipals(file) : undefined;
  const subscriptions = subscriptionsOf(config, topics, file);
  const retiring = subscriptions.owned?.length === 0;
  if (retiring) {
    log.warn(
      { partition: config.INGEST_PARTITION },
      'this worker owns no agency (retiring): it stores what its session still holds, then says so',
    );
  }
  const serviceArea = loadServiceArea(config.SERVICE_AREA_BBOX, config.SERVICE_AREA_FILE);
  const redis: Redis = createClient({ url: config.REDIS_URL });
  redis.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  await redis.connect();
  const eventsRedis: Redis = redis.duplicate();
  eventsRedis.on('error', (err: Error) =>
    log.warn({ err: err.message }, 'redis events connection error'),
  );
  await eventsRedis.connect();

  const health = createFeedHealth({ redis, keys, log });
  const ctx: FeedContext = {
    redis,
    keys,
    config,
    log,
    now: Date.now,
    stored: createStoredState(),
    serviceArea,
  };
  // Its writes are events: on the events' connection, not behind the bulk's script calls.
  const risk: RiskAssessor | undefined =
    config.RISK_ASSESSMENT === 'on' ? startRiskAssessor({ ...ctx, redis: eventsRedis }) : undefined;
  if (risk) ctx.risk = risk;
  const pipeline = createPipeline({
    ctx,
    eventsRedis,
    topics,
    maxPayloadBytes: config.MAX_PAYLOAD_BYTES,
    rejectsMaxlen: config.REJECTS_MAXLEN,
    agencies,
    notify: (topic, _notice, json) => subscriber.publish(topic, json),
    observe: health.observe,
  });
  const brokerCounters = createBrokerCounters();
  const subscriber = startSubscriber({
    url: config.MQTT_URL,
    clientId: config.INGEST_CLIENT_ID,
    username: config.MQTT_USERNAME,
    password: config.MQTT_PASSWORD,
    protocolVersion: config.MQTT_PROTOCOL_VERSION,
    filters: subscriptions.filters,
    staleFilters: subscriptions.stale,
    log,
    // Each agency's messages queue in their own lane: a flood from one waits behind itself (a
    // publish the embedded broker refused comes under its sender's agency).
    laneOf: (topic) => topics.agencyOf(topic) ?? '',
    onBatch: async (batch, gate, sent, done) => {
      await pipeline.handleBatch(batch, {
        readAfter: gate.sent,
        writeAfter: gate.stored,
        sent,
        done,
      });
    },
    batchMessages: config.INGEST_BATCH_MESSAGES,
    queueMessages: config.INGEST_QUEUE_MESSAGES,
    queueBytes: config.INGEST_QUEUE_BYTES,
    watch: {
      sysFilters: BROKER_SYS_FILTERS,
      onSys: (topic, payload) => brokerCounters.heard(topic, payload, Date.now()),
      onSubscribed: (refused) => session.subscribed(refused),
    },
  });
  // Whether this worker stores what agencies publish: its session with the broker and the
  // broker's own counters, in a liveness record the servers read and on its own /metrics.
  const session: BrokerSession = trackBrokerSession(subscriber.client);
  const counters = () => brokerCounters.report(Date.now());
  const liveness = startLivenessRecord({
    redis,
    keys,
    log,
    worker: config.INGEST_CLIENT_ID,
    broker: session.report,
    counters,
  });
  const metrics = await serveIngestMetrics({
    port: config.INGEST_METRICS_PORT,
    host: config.HOST,
    registry: createIngestMetrics({ queued: subscriber.queued, broker: session.report, counters }),
    log,
  });

  const drained = retiring ? watchDrained(subscriber, log) : undefined;

  const sweepers = startSweepers(ctx, {
    intervalMs: config.SWEEP_INTERVAL_MS,
    liveness: config.OFFLINE_ALARMS === 'on',
    coverage: {
      targetMinutes: config.COVERAGE_TARGET_MIN ?? DEFAULT_COVERAGE_TARGET_MIN,
      roads: loadRoadNetwork(config.ROADS_FILE ?? '', log),
    },
  });
  const orderSweeper = startSweeper({
    name: 'order-timeouts',
    intervalMs: config.SWEEP_INTERVAL_MS,
    log,
    run: async () => void (await sweepOrderTimeouts(ctx, config.ORDER_ACK_TIMEOUT_S * 1000)),
  });

  const overdueSweeper = startSweeper({
    name: 'hidden-hazard-overdue',
    intervalMs: config.HH_SWEEP_INTERVAL_MS,
    log,
    run: async () => void (await sweepOverdue(ctx)),
  });
  // Each worker probes the cameras of the agencies it owns (every agency's without a partition).
  const owned = subscriptions.owned;
  const cameraProbe =
    config.CAMERA_PROBE === 'on'
      ? createCameraProbe({
          ctx,
          intervalMs: config.CAMERA_PROBE_INTERVAL_S * 1000,
          concurrency: config.CAMERA_PROBE_CONCURRENCY,
          timeoutMs: config.CAMERA_PROBE_TIMEOUT_MS,
          ...(owned ? { owns: (agency: string) => owned.includes(agency) } : {}),
        })
      : undefined;
  const cameraSweeper = cameraProbe
    ? startSweeper({
        name: 'camera-probe',
        intervalMs: config.SWEEP_INTERVAL_MS,
        log,
        run: () => cameraProbe.pass(),
      })
    : undefined;
  const reportDeadlines = {
    firstMs: config.REPORT_FIRST_S * 1000,
    writtenMs: config.REPORT_WRITTEN_S * 1000,
    followupMs: config.REPORT_FOLLOWUP_S * 1000,
  };
  const reportSweeper = startSweeper({
    name: 'report-clocks',
    intervalMs: config.SWEEP_INTERVAL_MS,
    log,
    run: async () => void (await sweepReportClocks(ctx, reportDeadlines)),
  });

  const commandsRedis: Redis = redis.duplicate();
  commandsRedis.on('error', (err: Error) =>
    log.warn({ err: err.message }, 'redis commands connection error'),
  );
  await commandsRedis.connect();
  const commands = await startCommandConsumer({
    ctx: {
      ...ctx,
      topics,
      publish: (topic, payload) => subscriber.publish(topic, payload),
      reportDeadlines,
    },
    blockingRedis: commandsRedis,
    consumer: config.INGEST_CLIENT_ID,
  });

  let closing: Promise<void> | undefined;
  return {
    subscriber,
    /** Where its /metrics listens (undefined: the port was taken). */
    metricsPort: metrics.port,
    /** Stops taking messages; what was not acknowledged stays with the broker. Idempotent. */
    close() {
      closing ??= (async () => {
        if (drained) clearInterval(drained);
        await subscriber.close();
        await liveness.close();
        await metrics.close();
        await commands.close();
        await risk?.close();
        await sweepers.close();
        await orderSweeper.close();
        await overdueSweeper.close();
        await cameraSweeper?.close();
        await cameraProbe?.close();
        await reportSweeper.close();
        await health.close();
        await eventsRedis.close();
        await redis.close();
      })();
      return closing;
    },
  };
}
export type RunningIngest = Awaited<ReturnType<typeof startIngest>>;

/** How long a retiring worker must have nothing in hand and receive nothing to be drained. */
const DRAINED_AFTER_MS = 10_000;

/** Tells, once, that a retiring worker's session is drained: it may be stopped for good. */
function watchDrained(subscriber: Subscriber, log: Logger): NodeJS.Timeout {
  let last = -1;
  let quietSince = Date.now();
  let told = false;
  const timer = setInterval(() => {
    const s = subscriber.session();
    if (!s.subscribed || s.inHand > 0 || s.received !== last) {
      last = s.received;
      quietSince = Date.now();
      told = false;
      return;
    }
    if (!told && Date.now() - quietSince >= DRAINED_AFTER_MS) {
      told = true;
      log.info(
        { received: s.received },
        'retiring worker drained: nothing in hand or arriving; it may be stopped',
      );
    }
  }, 1_000);
  timer.unref();
  return timer;
}
