import {
  AgencyId,
  FeedError,
  isFeedKind,
  redactUrls,
  type FeedErrorCode,
  type FeedKind,
  type RejectNotice,
  type Topics,
} from '@cc/shared';
import {
  feedVerdict,
  isTransient,
  recordRejects,
  unwrapRefused,
  type Principal,
  type Redis,
} from '@cc/shared/node';
import { decodeJson, itemsOf } from './feeds/decode';
import {
  FIRST_BATCH,
  type BatchOrder,
  type FeedContext,
  type FeedHandler,
  type Outcome,
} from './feeds/context';
import { idOf } from './feeds/hazard';
import { handleHazards } from './feeds/hazard';
import { handleReadings, parseReadings, writeReadings, type ReadingItem } from './feeds/sensor';
import { handleIncidents } from './feeds/incident';
import {
  allPositions,
  handleResources,
  parsePosition,
  writePositions,
  type PositionItem,
} from './feeds/resource';
import { handleRiskAreas } from './feeds/riskarea';
import { handlePlaces } from './feeds/place';
import { handleHiddenHazards } from './feeds/hiddenhazard';
import { handleCameras } from './feeds/camera';
import { fromGeoJson } from './feeds/geojson';
import { decodeCap, isXml } from './feeds/cap';
import { handleWarnings } from './feeds/warning';
import { handleOrderReplies } from './feeds/order';
import { handleWeather } from './feeds/weather';
import { handleShelters } from './shelters/shelter';

/** One handler per feed kind; a kind without one is refused as unknown. */
const HANDLERS: Partial<Record<FeedKind, FeedHandler>> = {
  hazard: handleHazards,
  sensor: handleReadings,
  incident: handleIncidents,
  resource: handleResources,
  riskarea: handleRiskAreas,
  place: handlePlaces,
  hiddenhazard: handleHiddenHazards,
  camera: handleCameras,
  warning: handleWarnings,
  order: handleOrderReplies,
  weather: handleWeather,
  shelter: handleShelters,
};

export interface PipelineOptions {
  ctx: FeedContext;
  /**
   * A connection of its own for events (incidents, hazards…; `ctx.redis` when absent): on the
   * bulk's connection an event's writes would queue behind every script call of its batch.
   */
  eventsRedis?: Redis;
  topics: Topics;
  maxPayloadBytes: number;
  rejectsMaxlen: number;
  /** Sends a reject notice (`json` is its JSON) to the agency (MQTT); must not throw. */
  notify: (topic: string, notice: RejectNotice, json: string) => void;
  /**
   * The agencies the deployment knows, with their kinds (from the agencies file). A message under
   * any other agency is refused: nobody could have been authorized to publish it; one of a kind
   * its agency may not publish too. Absent = any agency, any kind.
   */
  agencies?: ReadonlyMap<string, Principal> | undefined;
  /** Told about every message handled: feed health counts from it. Must not throw. */
  observe?:
    ((agency: string | undefined, summary: Summary, codes: FeedErrorCode[]) => void) | undefined;
}

export interface Summary {
  applied: number;
  duplicates: number;
  late: number;
  rejected: number;
  /** Of the applied: with a position or area outside the service area (a warning notice). */
  outside: number;
}

/** A message as the subscriber hands it over. */
export interface Inbound {
  topic: string;
  payload: Buffer;
}

/** A message decoded as far as its kind allows without touching Redis. */
type Prepared =
  /** Ingest's own output topics, and topics outside the root: nothing to do. */
  | { step: 'skip' }
  /** Refused; `as` is the message the notice is about (a publish the broker refused). */
  | { step: 'refused'; agency: string | undefined; error: FeedError; as?: Inbound }
  | { step: 'readings'; agency: string; items: unknown[]; batch: boolean }
  | { step: 'positions'; agency: string; items: unknown[]; batch: boolean }
  | {
      step: 'handler';
      agency: string;
      kind: FeedKind;
      handler: FeedHandler;
      items: unknown[];
      batch: boolean;
    };

/**
 * What a step's events hold back: the bulk of the agencies whose entities they change, which is
 * evaluated on them. A hazard (it defines its agency's sensors) holds that agency's readings; a
 * resource message (it registers or changes its agency's units) that agency's positions. Entity
 * ids are scoped by the publishing agency, so nothing else reads what an event writes; the rest
 * (incidents, warnings, areas, places, order replies) is written alongside the bulk.
 */
interface Holds {
  readings: Set<string>;
  positions: Set<string>;
}

function holdsOf(events: readonly { kind: FeedKind; agency: string }[]): Holds {
  const holds: Holds = { readings: new Set(), positions: new Set() };
  for (const { kind, agency } of events) {
    if (kind === 'hazard') holds.readings.add(agency);
    else if (kind === 'resource') holds.positions.add(agency);
  }
  return holds;
}

/** What one batch holds of the next ones' bulk, kept across its attempts. */
interface BatchHolds {
  /** What the batches before held, as found once the batch before was sent. */
  prior: Promise<ReadonlyMap<string, Promise<void>>>;
  /** Releases this batch's holds: what they hold may be evaluated. */
  release: () => void;
  /** The batch is stored or given up: its holds are released and gone. */
  end: () => void;
}

/** Waits for both; then throws the first failure, if any. */
async function bothSettled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

/** A promise and its resolver. */
function signal() {
  let fire: () => void = () => {};
  const fired = new Promise<void>((resolve) => (fire = resolve));
  return { fired, fire };
}

const EMPTY: Summary = { applied: 0, duplicates: 0, late: 0, rejected: 0, outside: 0 };

/**
 * A warning notice (a position outside the service area) goes once an hour at most per entity and
 * worker: a tracker parked outside reports every few seconds, and each of its positions is counted
 * in feed health all the same.
 */
const WARN_AGAIN_MS = 3_600_000;
/** Entities remembered for that; past it the memory starts afresh (a few repeated warnings). */
const WARNED_MAX = 10_000;

/** A notice of a batch, made as its message finishes; recorded and sent once the batch is done. */
interface Pending {
  notice: RejectNotice;
  json: string;
  /** The agency's rejects topic, when it is one that can hear it. */
  to?: string;
}
const noop = () => {};

/**
 * The dispatcher: topic → kind handler → outcomes; every refusal is recorded and announced.
 * Readings and positions, the bulk of the traffic, take a batched path: those of all messages
 * of a batch are evaluated together and written with a few script calls. Everything else goes
 * through its kind's handler, message by message. Per agency, messages keep their order.
 * Throws only on infrastructure failure (Redis), so the caller can retry the whole batch —
 * which is safe, because every write is idempotent under the observation-time guard.
 */
export function createPipeline(options: PipelineOptions) {
  const { ctx, topics } = options;
  const eventsCtx = options.eventsRedis ? { ...ctx, redis: options.eventsRedis } : ctx;

  /**
   * A FeedError is the message's fault. A Redis outage is rethrown, so the message stays
   * unacknowledged and is retried. Anything else (a bug, unreadable stored state) would fail the
   * same way on every retry and hold up every feed behind it: it is recorded as a reject instead.
   */
  function asFeedError(err: unknown, topic: string): FeedError {
    if (err instanceof FeedError) return err;
    if (isTransient(err)) throw err;
    ctx.log.error({ err, topic }, 'message could not be applied');
    return new FeedError(
      'feed.internal',
      `internal error: ${(err as Error).message.slice(0, 200)}`,
    );
  }

  /**
   * The notice of a refusal (or of a warning about what was stored), for the batch to record;
   * addressed when the agency can hear it.
   */
  function reject(
    agency: string | undefined,
    topic: string,
    payload: Buffer,
    error: FeedError,
    id?: string,
    severity: RejectNotice['severity'] = 'refusal',
  ): Pending {
    const audible = agency !== undefined && error.code !== 'feed.unknown_agency';
    const at = ctx.now();
    const notice: RejectNotice = {
      at,
      time: new Date(at).toISOString(),
      severity,
      agency: agency ?? topics.parse(topic)?.agency ?? '',
      topic,
      code: error.code,
      reason: error.message,
      path: error.path,
      problems: [...error.problems],
      ...(id === undefined ? {} : { id }),
      // A camera's stream address may carry its platform's token: never kept in full.
      excerpt: redactUrls(payload.subarray(0, 256).toString('utf8')),
    };
    ctx.log.debug({ agency, topic, code: error.code, path: error.path }, error.message);
    return {
      notice,
      json: JSON.stringify(notice),
      ...(audible ? { to: topics.rejects(agency) } : {}),
    };
  }

  /**
   * Records a batch's notices with one write (one script call per thousand), then sends each to
   * its agency: a refusal costs what an acceptance does, not a Redis round trip and a packet of
   * its own. Sent after the batch's last write, in one go (mqtt.js corks the packets of one turn).
   */
  async function announce(pending: readonly Pending[]): Promise<void> {
    if (pending.length === 0) return;
    await recordRejects(
      ctx.redis,
      ctx.keys.rejects,
      options.rejectsMaxlen,
      pending.map((p) => p.json),
    );
    for (const p of pending) if (p.to) options.notify(p.to, p.notice, p.json);
  }

  /**
   * A publish the embedded broker refused, handed over on the agency's `$refused` topic: refused
   * here with the broker's reason, the notice about the agency's original topic and payload.
   */
  function refusedByBroker(agency: string, payload: Buffer): Prepared {
    const refused = unwrapRefused(payload);
    if (!refused) {
      const error = new FeedError(
        'feed.forbidden_topic',
        `${topics.refused(agency)} is written by the command center`,
      );
      return { step: 'refused', agency, error };
    }
    const error = new FeedError(refused.code, refused.reason);
    return {
      step: 'refused',
      agency,
      error,
      as: { topic: refused.topic, payload: refused.excerpt },
    };
  }

  /** Topic, agency, kind and payload checks, and decoding: no Redis. */
  function prepare({ topic, payload }: Inbound): Prepared {
    const c = topics.classify(topic);
    if (c.type === 'outside' || c.type === 'output') return { step: 'skip' };
    const agency = AgencyId.safeParse(c.agency).success ? c.agency : undefined;
    try {
      if (!agency) throw new FeedError('feed.bad_topic', `"${c.agency}" is not an agency id`);
      const account = options.agencies?.get(agency);
      if (options.agencies && !account) {
        throw new FeedError('feed.unknown_agency', `"${agency}" is not a registered agency`);
      }
      if (c.type === 'refused') return refusedByBroker(agency, payload);
      // The contract's rule for the topic, kinds included (on Mosquitto the only check of kinds).
      const verdict = feedVerdict(topics, account ?? { id: agency, role: 'agency' }, topic);
      if (!verdict.ok) throw new FeedError(verdict.code, verdict.reason);
      const kind = c.type === 'feed' && isFeedKind(c.kind) ? c.kind : undefined;
      const handler = kind === undefined ? undefined : HANDLERS[kind];
      if (!kind || !handler || c.type !== 'feed') {
        throw new FeedError('feed.unknown_kind', `no handler for ${topic}`);
      }
      const parsed = c;
      // A warning may come as CAP 1.2 XML; everything else is JSON.
      const decoded =
        parsed.kind === 'warning' && isXml(payload)
          ? decodeCap(payload, options.maxPayloadBytes)
          : fromGeoJson(parsed.kind, decodeJson(payload, options.maxPayloadBytes));
      const { items, batch } = itemsOf(decoded);
      if (parsed.id !== undefined) {
        const own = (items[0] as { id?: unknown } | null)?.id;
        if (batch || own !== parsed.id) {
          throw new FeedError(
            'feed.id_mismatch',
            `topic names ${parsed.id}; payload names ${String(own)}`,
            ['id'],
          );
        }
      }
      if (parsed.kind === 'sensor') return { step: 'readings', agency, items, batch };
      if (parsed.kind === 'resource' && allPositions(items)) {
        return { step: 'positions', agency, items, batch };
      }
      return { step: 'handler', agency, kind, handler, items, batch };
    } catch (caught) {
      return { step: 'refused', agency, error: asFeedError(caught, topic) };
    }
  }

  /** When each entity was last warned about (`WARN_AGAIN_MS`), by `{agency}:{id}`. */
  let warned = new Map<string, number>();
  function warnNow(key: string): boolean {
    const now = ctx.now();
    const last = warned.get(key);
    if (last !== undefined && now - last < WARN_AGAIN_MS) return false;
    if (warned.size >= WARNED_MAX) warned = new Map();
    warned.set(key, now);
    return true;
  }

  /**
   * Summary, notices of refusals and warnings made (into the batch's `pending`), feed health
   * told: the end of every message.
   */
  function finish(
    message: Inbound,
    agency: string | undefined,
    outcomes: readonly Outcome[] | FeedError,
    pending: Pending[],
  ): Summary {
    const summary: Summary = { ...EMPTY };
    const codes: FeedErrorCode[] = [];
    if (outcomes instanceof FeedError) {
      summary.rejected++;
      codes.push(outcomes.code);
      pending.push(reject(agency, message.topic, message.payload, outcomes));
    } else {
      for (const o of outcomes) {
        if (o.status === 'applied') {
          summary.applied++;
          if (!o.warning) continue;
          summary.outside++;
          if (warnNow(`${agency}:${o.id ?? message.topic}`)) {
            pending.push(
              reject(agency, message.topic, message.payload, o.warning, o.id, 'warning'),
            );
          }
        } else if (o.status === 'duplicate') summary.duplicates++;
        else if (o.status === 'late') summary.late++;
        else {
          summary.rejected++;
          codes.push(o.error.code);
          pending.push(reject(agency, message.topic, message.payload, o.error, o.id));
        }
      }
    }
    options.observe?.(agency, summary, codes);
    return summary;
  }

  /** One message through its kind's handler. */
  async function runHandler(
    message: Inbound,
    p: Extract<Prepared, { step: 'handler' }>,
    pending: Pending[],
  ) {
    let outcomes: Outcome[] | FeedError;
    try {
      outcomes = await p.handler(eventsCtx, p.agency, p.items, p.batch);
    } catch (caught) {
      outcomes = asFeedError(caught, message.topic);
    }
    return finish(message, p.agency, outcomes, pending);
  }

  /**
   * Bulk a batch holds back, by `kind:agency` (`holdsFor`). The next batch evaluates it only once
   * the holding batch's last step has sent its writes, its events stored, and writes it on the
   * events' connection, behind the holding batch's, until that batch is stored. Everyone else's
   * bulk is not held: the next batch goes on with it at once, on the bulk connection.
   */
  const held = new Map<string, Promise<void>>();
  /** Per batch (`BatchOrder.done`), across its attempts. */
  const batchHolds = new WeakMap<Promise<void>, BatchHolds>();

  /**
   * Readings and positions of many messages, written together; refusals need no Redis write.
   * Those of agencies the step's events hold (`holds`), or the previous batch still holds
   * (`prior`), wait for that and are written by writers of their own; the others are evaluated
   * at once, and the step counts as sent once they are. Returns `finish`, which records the
   * messages' outcomes: called only once the whole step is stored, so a step retried after a
   * failed event records its refusals and counts once.
   */
  async function runBulk(
    messages: readonly Inbound[],
    prepared: readonly Prepared[],
    which: number[],
    order: BatchOrder,
    step: {
      events: Promise<void>;
      holds: Holds;
      /** What the batches before still hold, as this batch found it once they were sent. */
      prior: Promise<ReadonlyMap<string, Promise<void>>>;
      /** The batch's first step: the others follow events of their agencies. */
      first: boolean;
      /** Called once every writer of the step has sent its writes and its events are stored. */
      sentAll: () => void;
      /** The batch's notices, made by `finish`. */
      pending: Pending[];
    },
  ) {
    const outcomes = new Map<number, (Outcome | undefined)[] | FeedError>();
    type Item<T> = { message: number; index: number; item: T };
    const readings: Item<ReadingItem>[] = [];
    const positions: Item<PositionItem>[] = [];
    for (const m of which) {
      const p = prepared[m]!;
      if (p.step === 'readings') {
        const parsed = parseReadings(ctx, p.agency, p.items, p.batch, m);
        outcomes.set(m, parsed.outcomes);
        for (const r of parsed.readings) readings.push({ message: m, ...r });
      } else if (p.step === 'positions') {
        const mine = new Array<Outcome | undefined>(p.items.length);
        outcomes.set(m, mine);
        p.items.forEach((item, index) => {
          const path = p.batch ? [index] : [];
          try {
            const position = parsePosition(ctx, p.agency, item, path);
            positions.push({ message: m, index, item: { message: m, path, position } });
          } catch (err) {
            if (!(err instanceof FeedError)) throw err;
            mine[index] = { status: 'rejected', error: err, ...idOf(item) };
          }
        });
      }
    }
    const settle = async <T>(list: Item<T>[], write: (items: T[]) => Promise<Outcome[]>) => {
      try {
        const written = await write(list.map((x) => x.item));
        list.forEach((x, k) => {
          const mine = outcomes.get(x.message);
          if (Array.isArray(mine)) mine[x.index] = written[k];
        });
      } catch (caught) {
        for (const x of list)
          outcomes.set(x.message, asFeedError(caught, messages[x.message]!.topic));
      }
    };

    // Held: by this step's events, or still by the batches before.
    const prior = await step.prior;
    const agencyOf = (m: number) => (prepared[m] as { agency: string }).agency;
    const heldBy = (kind: 'readings' | 'positions', agency: string) => {
      const waits: Promise<void>[] = [];
      const before = prior.get(`${kind}:${agency}`);
      if (before) waits.push(before);
      if (step.holds[kind].has(agency)) waits.push(step.events);
      return waits;
    };
    // Per kind, the items nobody holds go to one writer, the held ones to another.
    interface Writer {
      waits: Promise<void>[];
      write: (on: FeedContext, order: BatchOrder) => Promise<void>;
    }
    const split = <T>(
      kind: 'readings' | 'positions',
      list: Item<T>[],
      write: (on: FeedContext, items: T[], order: BatchOrder) => Promise<Outcome[]>,
    ): Writer[] => {
      const now: Item<T>[] = [];
      const later: Item<T>[] = [];
      const waits = new Set<Promise<void>>();
      for (const x of list) {
        const mine = heldBy(kind, agencyOf(x.message));
        if (mine.length === 0) now.push(x);
        else {
          later.push(x);
          for (const w of mine) waits.add(w);
        }
      }
      const writer = (items: Item<T>[], w: Promise<void>[]): Writer => ({
        waits: w,
        write: (on, o) => settle(items, (xs) => write(on, xs, o)),
      });
      return [
        ...(now.length > 0 ? [writer(now, [])] : []),
        ...(later.length > 0 ? [writer(later, [...waits])] : []),
      ];
    };
    const writers = [
      ...split('readings', readings, writeReadings),
      ...split('positions', positions, writePositions),
    ];

    // The step counts as sent once the writers nobody holds have sent theirs (a writer that
    // fails on Redis leaves it unsent: the batch is retried, and its attempt sends).
    // Only the first step's writes make the batch sent (the later ones are held for the next).
    const stepSent = step.first ? order.sent : noop;
    let pending = writers.filter((w) => w.waits.length === 0).length;
    const sentOk: Promise<void>[] = [];
    const runs = writers.map((w) => {
      const isHeld = w.waits.length > 0;
      const { fired, fire } = signal();
      sentOk.push(fired);
      let counted = isHeld;
      const sent = () => {
        fire();
        if (counted) return;
        counted = true;
        if (--pending === 0) stepSent();
      };
      const mine: BatchOrder = { ...order, sent };
      // Held bulk, and every step's after the first (its agency has events, so the next batch's
      // bulk of it is held too), goes on the events' connection: not behind the next batches'
      // bulk on the other one, and in order with the next batch's held bulk.
      const writerCtx = isHeld || !step.first ? eventsCtx : ctx;
      return (async () => {
        await Promise.all(w.waits);
        await w.write(writerCtx, mine);
        // Written, or refused as the items' fault: nothing of it is left to send.
        sent();
      })();
    });
    if (pending === 0) stepSent();
    // Only a step that got this far releases: a failure on Redis releases nothing.
    void Promise.all([step.events, ...sentOk]).then(step.sentAll, noop);
    // Events that fail fail the step (not these items' fault), but only once the writers are
    // done: a retry must not race writes still in flight.
    const settled = await Promise.allSettled(runs);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return () =>
      which.map((m) => {
        const p = prepared[m]!;
        if (p.step === 'skip') return EMPTY;
        if (p.step === 'refused')
          return finish(p.as ?? messages[m]!, p.agency, p.error, step.pending);
        const mine = outcomes.get(m)!;
        return finish(
          messages[m]!,
          p.agency,
          mine instanceof FeedError ? mine : (mine as Outcome[]),
          step.pending,
        );
      });
  }

  /**
   * What a batch holds of the next ones' bulk, made at its first attempt and kept across the
   * others. The batch counts as sent once its first step's writes nobody holds are: the bulk of
   * an agency without events is all in that step. An agency's bulk behind its events goes in later
   * steps, and what its hazards and resource messages change is read by the next batch's bulk of
   * it: that bulk is held, and so is the bulk in this batch of what the batch before held. Held
   * until this batch's last step has sent its writes with its events stored (a failed attempt
   * releases nothing), or the batch is stored or given up; the next batches write it on the
   * events' connection until then, behind this batch's.
   */
  function holdsFor(prepared: readonly Prepared[], order: BatchOrder): BatchHolds {
    const known = order.done && batchHolds.get(order.done);
    if (known) return known;
    const { readings, positions } = holdsOf(
      prepared.flatMap((p) => (p.step === 'handler' ? [p] : [])),
    );
    const keys = new Set([
      ...[...readings].map((agency) => `readings:${agency}`),
      ...[...positions].map((agency) => `positions:${agency}`),
    ]);
    const bulkKeys = new Set<string>();
    const afterEvents = new Set<string>();
    prepared.forEach((p) => {
      if (p.step === 'handler') afterEvents.add(p.agency);
      else if (p.step === 'readings' || p.step === 'positions') {
        const key = `${p.step}:${p.agency}`;
        bulkKeys.add(key);
        if (afterEvents.has(p.agency)) keys.add(key);
      }
    });
    const released = signal();
    // Taken once the batch before is sent (it has registered what it holds), before this one
    // registers its own: what the batches after register is never this batch's to wait for.
    const prior = order.readAfter.then(() => {
      const before = new Map(held);
      for (const key of bulkKeys) if (before.has(key)) keys.add(key);
      for (const key of keys) held.set(key, released.fired);
      return before;
    });
    // Released, the entries stay until the batch is stored: the bulk they hold still goes on the
    // events' connection, in order behind this batch's.
    const end = () => {
      released.fire();
      for (const key of keys) if (held.get(key) === released.fired) held.delete(key);
    };
    const holds: BatchHolds = { prior, release: released.fire, end };
    if (order.done) {
      batchHolds.set(order.done, holds);
      void order.done.then(end, end);
    }
    return holds;
  }

  /**
   * A batch of messages. Per agency they keep their order. In each step, each agency's next
   * message that is not bulk (an event: incident, hazard, warning…) is written, agencies in
   * parallel since they share no entity, alongside the bulk (readings, positions, refusals) of
   * every agency up to its next other message, written together; then the next step. The bulk
   * waits only for the events it is evaluated on (`holdsOf`): behind an incident, readings are
   * evaluated and written while the previous batch is still being stored, as in a batch without
   * events. What the batch holds of the next ones' bulk: `holdsFor`. Returns one summary per
   * message, in order.
   */
  async function handleBatch(
    messages: readonly Inbound[],
    order: BatchOrder = FIRST_BATCH,
  ): Promise<Summary[]> {
    const prepared = messages.map(prepare);
    const summaries = new Array<Summary>(messages.length);
    const lanes = new Map<string, number[]>();
    prepared.forEach((p, m) => {
      const lane = p.step === 'skip' || p.step === 'refused' ? '' : p.agency;
      const list = lanes.get(lane);
      if (list) list.push(m);
      else lanes.set(lane, [m]);
    });
    const queues = [...lanes.values()].map((list) => ({ list, next: 0 }));
    const isHandler = (m: number) => prepared[m]!.step === 'handler';
    const holds = holdsFor(prepared, order);
    // This attempt's notices: a retried batch makes its own (each message is handled again).
    const pending: Pending[] = [];
    let first = true;
    try {
      while (queues.some((q) => q.next < q.list.length)) {
        const others = queues
          .filter((q) => q.next < q.list.length && isHandler(q.list[q.next]!))
          .map((q) => q.list[q.next++]!);
        // Events wait for the previous batch to be stored (an earlier update of the same
        // entity may be in it), then go in parallel across agencies.
        const events =
          others.length === 0
            ? Promise.resolve()
            : (async () => {
                await order.writeAfter;
                // Every agency's event settles before a failure fails the step: a retry must
                // not race writes still in flight.
                const settled = await Promise.allSettled(
                  others.map(async (m) => {
                    const p = prepared[m] as Extract<Prepared, { step: 'handler' }>;
                    summaries[m] = await runHandler(messages[m]!, p, pending);
                  }),
                );
                const failed = settled.find((r) => r.status === 'rejected');
                if (failed) throw failed.reason;
              })();
        const bulk: number[] = [];
        for (const q of queues) {
          while (q.next < q.list.length && !isHandler(q.list[q.next]!))
            bulk.push(q.list[q.next++]!);
        }
        const last = !queues.some((q) => q.next < q.list.length);
        const [, finishBulk] = await bothSettled(
          events,
          runBulk(messages, prepared, bulk, order, {
            events,
            holds: holdsOf(
              others.map((m) => prepared[m] as Extract<Prepared, { step: 'handler' }>),
            ),
            prior: holds.prior,
            first,
            sentAll: last ? holds.release : noop,
            pending,
          }),
        );
        first = false;
        const done = finishBulk();
        bulk.forEach((m, k) => (summaries[m] = done[k]!));
      }
      // The batch counts as stored once its refusals are recorded too.
      await announce(pending);
    } finally {
      // A batch of its own (no `done`) holds nothing once it is over, stored or not.
      if (!order.done) holds.end();
    }
    // Sent already, unless no writer sent anything (every item refused as its own fault).
    order.sent();
    return summaries;
  }

  /** One message: a batch of one. */
  async function handle(topic: string, payload: Buffer): Promise<Summary> {
    const [summary] = await handleBatch([{ topic, payload }]);
    return summary!;
  }

  return { handle, handleBatch };
}
export type Pipeline = ReturnType<typeof createPipeline>;
