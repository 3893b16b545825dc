import {
  AgencyId,
  FeedError,
  isFeedKind,
  type FeedKind,
  type RejectNotice,
  type Topics,
} from '@cc/shared';
import { decodeJson, itemsOf } from './feeds/decode';
import type { FeedContext, FeedHandler, Outcome } from './feeds/context';
import { handleHazards } from './feeds/hazard';
import { handleReadings } from './feeds/sensor';
import { recordReject } from './store/rejects';

const HANDLERS: Record<FeedKind, FeedHandler> = {
  hazard: handleHazards,
  sensor: handleReadings,
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

  async function reject(
    agency: string | undefined,
    topic: string,
    payload: Buffer,
    error: FeedError,
    id?: string,
  ) {
    const notice: RejectNotice = {
      at: ctx.now(),
      agency: agency ?? '',
      topic,
      code: error.code,
      reason: error.message,
      path: error.path,
      ...(id === undefined ? {} : { id }),
      excerpt: payload.subarray(0, 256).toString('utf8'),
    };
    await recordReject(ctx.redis, ctx.keys, options.rejectsMaxlen, notice);
    if (agency) options.notify(topics.rejects(agency), notice);
    ctx.log.debug({ agency, topic, code: error.code, path: error.path }, error.message);
  }

  async function handle(topic: string, payload: Buffer): Promise<Summary> {
    const summary: Summary = { applied: 0, duplicates: 0, late: 0, rejected: 0 };
    const parsed = topics.parse(topic);
    if (!parsed || OUTPUT_KINDS.has(parsed.kind)) return summary;
    const agency = AgencyId.safeParse(parsed.agency).success ? parsed.agency : undefined;
    let outcomes: Outcome[];
    try {
      if (!agency) throw new FeedError('feed.bad_topic', `"${parsed.agency}" is not an agency id`);
      if (!isFeedKind(parsed.kind)) {
        throw new FeedError('feed.unknown_kind', `"${parsed.kind}" is not a feed kind`);
      }
      const { items, batch } = itemsOf(decodeJson(payload, options.maxPayloadBytes));
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
      outcomes = await HANDLERS[parsed.kind](ctx, agency, items, batch);
    } catch (err) {
      if (!(err instanceof FeedError)) throw err;
      await reject(agency, topic, payload, err);
      summary.rejected++;
      return summary;
    }
    for (const o of outcomes) {
      if (o.status === 'applied') summary.applied++;
      else if (o.status === 'duplicate') summary.duplicates++;
      else if (o.status === 'late') summary.late++;
      else {
        summary.rejected++;
        await reject(agency, topic, payload, o.error, o.id);
      }
    }
    return summary;
  }

  return { handle };
}
export type Pipeline = ReturnType<typeof createPipeline>;
