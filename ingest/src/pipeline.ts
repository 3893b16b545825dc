import {
  AgencyId,
  FeedError,
  isFeedKind,
  type FeedErrorCode,
  type FeedKind,
  type RejectNotice,
  type FeedTopic,
  type Topics,
} from '@cc/shared';
import { isTransient } from '@cc/shared/node';
import { decodeJson, itemsOf } from './feeds/decode';
import type { FeedContext, FeedHandler, Outcome } from './feeds/context';
import { handleHazards } from './feeds/hazard';
import { handleReadings } from './feeds/sensor';
import { handleIncidents } from './feeds/incident';
import { handleResources } from './feeds/resource';
import { handleRiskAreas } from './feeds/riskarea';
import { fromGeoJson } from './feeds/geojson';
import { decodeCap, isXml } from './feeds/cap';
import { handleWarnings } from './feeds/warning';
import { handleOrderReplies } from './feeds/order';
import { recordReject } from './store/rejects';

/** One handler per feed kind; a kind without one is refused as unknown. */
const HANDLERS: Partial<Record<FeedKind, FeedHandler>> = {
  hazard: handleHazards,
  sensor: handleReadings,
  incident: handleIncidents,
  resource: handleResources,
  riskarea: handleRiskAreas,
  warning: handleWarnings,
  order: handleOrderReplies,
};

/** Topics under the root that ingest itself publishes to; never feed input. */
const OUTPUT_KINDS = new Set(['rejects', 'orders']);

export interface PipelineOptions {
  ctx: FeedContext;
  topics: Topics;
  maxPayloadBytes: number;
  rejectsMaxlen: number;
  /** Sends a reject notice to the agency (MQTT); must not throw. */
  notify: (topic: string, notice: RejectNotice) => void;
  /**
   * The agencies the deployment knows (from the credentials file). A message under any other
   * agency is refused: nobody could have been authorized to publish it. Absent = any agency.
   */
  agencies?: ReadonlySet<string> | undefined;
  /** Told about every message handled: feed health counts from it. Must not throw. */
  observe?:
    ((agency: string | undefined, summary: Summary, codes: FeedErrorCode[]) => void) | undefined;
}

export interface Summary {
  applied: number;
  duplicates: number;
  late: number;
  rejected: number;
}

/**
 * The dispatcher: topic → kind handler → outcomes; every refusal is recorded and announced.
 * Throws only on infrastructure failure (Redis), so the caller can retry the whole message —
 * which is safe, because every write is idempotent under the observation-time guard.
 */
export function createPipeline(options: PipelineOptions) {
  const { ctx, topics } = options;

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

  /** Records a refusal; tells the agency when it is one that can hear it. */
  async function reject(
    agency: string | undefined,
    topic: string,
    payload: Buffer,
    error: FeedError,
    id?: string,
  ) {
    const audible = agency !== undefined && error.code !== 'feed.unknown_agency';
    const notice: RejectNotice = {
      at: ctx.now(),
      agency: agency ?? topics.parse(topic)?.agency ?? '',
      topic,
      code: error.code,
      reason: error.message,
      path: error.path,
      ...(id === undefined ? {} : { id }),
      excerpt: payload.subarray(0, 256).toString('utf8'),
    };
    await recordReject(ctx.redis, ctx.keys, options.rejectsMaxlen, notice);
    if (audible) options.notify(topics.rejects(agency), notice);
    ctx.log.debug({ agency, topic, code: error.code, path: error.path }, error.message);
  }

  async function handle(topic: string, payload: Buffer): Promise<Summary> {
    const parsed = topics.parse(topic);
    if (!parsed || OUTPUT_KINDS.has(parsed.kind)) {
      return { applied: 0, duplicates: 0, late: 0, rejected: 0 };
    }
    const agency = AgencyId.safeParse(parsed.agency).success ? parsed.agency : undefined;
    const codes: FeedErrorCode[] = [];
    const summary = await apply(parsed, agency, topic, payload, codes);
    options.observe?.(agency, summary, codes);
    return summary;
  }

  async function apply(
    parsed: FeedTopic,
    agency: string | undefined,
    topic: string,
    payload: Buffer,
    codes: FeedErrorCode[],
  ): Promise<Summary> {
    const summary: Summary = { applied: 0, duplicates: 0, late: 0, rejected: 0 };
    let outcomes: Outcome[];
    try {
      if (!agency) throw new FeedError('feed.bad_topic', `"${parsed.agency}" is not an agency id`);
      if (options.agencies && !options.agencies.has(agency)) {
        throw new FeedError('feed.unknown_agency', `"${agency}" is not a registered agency`);
      }
      const handler = isFeedKind(parsed.kind) ? HANDLERS[parsed.kind] : undefined;
      if (!handler) {
        throw new FeedError('feed.unknown_kind', `"${parsed.kind}" is not a feed kind`);
      }
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
      outcomes = await handler(ctx, agency, items, batch);
    } catch (caught) {
      const err = asFeedError(caught, topic);
      await reject(agency, topic, payload, err);
      codes.push(err.code);
      summary.rejected++;
      return summary;
    }
    for (const o of outcomes) {
      if (o.status === 'applied') summary.applied++;
      else if (o.status === 'duplicate') summary.duplicates++;
      else if (o.status === 'late') summary.late++;
      else {
        summary.rejected++;
        codes.push(o.error.code);
        await reject(agency, topic, payload, o.error, o.id);
      }
    }
    return summary;
  }

  return { handle };
}
export type Pipeline = ReturnType<typeof createPipeline>;
