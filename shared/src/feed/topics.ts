/** Feed kinds an agency may publish under `{root}/{agency}/{kind}[/{id}]`. */
export const FEED_KINDS = [
  'hazard',
  'sensor',
  'incident',
  'resource',
  'warning',
  'riskarea',
  'order',
  'place',
  'weather',
  'hiddenhazard',
  'camera',
  'shelter',
] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export const DEFAULT_TOPIC_ROOT = 'cc/v1';

/** Levels under `{root}/{agency}/` the command center writes: never feed input, never an agency's. */
export const OUTPUT_LEVELS = ['rejects', 'orders'] as const;

/**
 * The level under `{root}/{agency}/` where the embedded broker puts a publish of that agency it
 * refused (`RefusedPublish`), for ingest to record and announce. `$` keeps it apart from any
 * kind; agencies may neither publish nor subscribe there.
 */
export const REFUSED_LEVEL = '$refused';

/**
 * The broker's own counters ingest follows (Mosquitto's `$SYS` names, retained, refreshed every
 * `sys_interval`; the embedded broker publishes the same ones).
 */
export const BROKER_SYS_TOPICS = {
  dropped: '$SYS/broker/publish/messages/dropped',
  stored: '$SYS/broker/store/messages/count',
  clients: '$SYS/broker/clients/connected',
  uptime: '$SYS/broker/uptime',
} as const;

export interface FeedTopic {
  agency: string;
  kind: string;
  id?: string;
}

/** What a topic under the root is, as far as its levels tell. */
export type TopicClass =
  /** Not under the root: nobody's feed. */
  | { type: 'outside' }
  /** `{agency}/rejects` or `{agency}/orders[/…]`: the command center's own output. */
  | { type: 'output'; agency: string }
  /** `{agency}/$refused`: a publish of `agency` the embedded broker refused. */
  | { type: 'refused'; agency: string }
  /** `{agency}/{kind}[/{id}]`, levels not yet checked against the contract. */
  | ({ type: 'feed' } & FeedTopic)
  /** Under the root but not of the feed shape; `agency` is its first level. */
  | { type: 'malformed'; agency: string; reason: string };

/**
 * Characters no topic of the contract holds: NUL, and U+FFFD (what bytes that were not UTF-8
 * decode to).
 */
const unusable = (topic: string) => topic.includes('\u0000') || topic.includes('\uFFFD');

/**
 * Builds and reads topic strings: the only place the topic layout is spelled out (the ACL,
 * the Mosquitto files, ingest's subscriptions, the simulator and the bench all take it from here).
 */
export function createTopics(root: string = DEFAULT_TOPIC_ROOT) {
  const agencyTree = (agency: string) => `${root}/${agency}/#`;

  function classify(topic: string): TopicClass {
    if (!topic.startsWith(`${root}/`)) return { type: 'outside' };
    const levels = topic.slice(root.length + 1).split('/');
    const [agency = '', kind, id, ...rest] = levels;
    if (kind === REFUSED_LEVEL && id === undefined) return { type: 'refused', agency };
    if ((OUTPUT_LEVELS as readonly string[]).includes(kind ?? '')) {
      return { type: 'output', agency };
    }
    const malformed = (reason: string): TopicClass => ({ type: 'malformed', agency, reason });
    if (unusable(topic)) return malformed('a level holds NUL or bytes that are not UTF-8');
    if (kind === undefined) return malformed('no {kind} level after the agency');
    if (rest.length > 0) return malformed('more levels than {agency}/{kind}/{id}');
    if (levels.some((level) => level.length === 0)) return malformed('an empty level');
    return id === undefined ? { type: 'feed', agency, kind } : { type: 'feed', agency, kind, id };
  }

  return {
    root,
    feed: (agency: string, kind: FeedKind, id?: string) =>
      id === undefined ? `${root}/${agency}/${kind}` : `${root}/${agency}/${kind}/${id}`,
    rejects: (agency: string) => `${root}/${agency}/rejects`,
    orders: (agency: string) => `${root}/${agency}/orders`,
    /** Every order topic of an agency (an agency subscribes to it). */
    ordersTree: (agency: string) => `${root}/${agency}/orders/#`,
    refused: (agency: string) => `${root}/${agency}/${REFUSED_LEVEL}`,
    /** Everything under one agency: what it may send, less `outputsOf` and `refused`. */
    agencyTree,
    /** The start of every topic of an agency. */
    agencyPrefix: (agency: string) => `${root}/${agency}/`,
    /** Filters, each with `#`, of what only the command center writes under an agency. */
    outputsOf: (agency: string) =>
      [...OUTPUT_LEVELS, REFUSED_LEVEL].map((level) => `${root}/${agency}/${level}/#`),
    /** Every agency's reject notices and orders (the ingest account writes them). */
    anyRejects: `${root}/+/rejects`,
    anyOrders: `${root}/+/orders/#`,
    /** Everything under every agency. */
    anyAgency: `${root}/+/#`,
    /**
     * Ingest's subscriptions: everything under the given agencies, or under every agency.
     * Everything, not only the feed kinds, so a typo or a kind nobody knows reaches ingest and
     * is refused with a notice; ingest's own notices and orders come back and are skipped.
     */
    ingestFilters: (agencies?: readonly string[]) =>
      agencies === undefined ? [`${root}/+/#`] : agencies.map(agencyTree),
    /**
     * What ingest subscribed to before it took whole agency subtrees and partitions: the feed
     * kinds with and without an id, also under the `$share/ingest/` group docker-compose.yml
     * used. A worker unsubscribes them from a session it finds kept.
     */
    legacyIngestFilters: () =>
      [`${root}/+/+`, `${root}/+/+/+`].flatMap((f) => [f, `$share/ingest/${f}`]),
    /** Classifies a topic by its levels (see `TopicClass`). */
    classify,
    /** Splits a feed topic; undefined when it is not one of the feed shape. */
    parse(topic: string): FeedTopic | undefined {
      const c = classify(topic);
      if (c.type !== 'feed') return undefined;
      return c.id === undefined
        ? { agency: c.agency, kind: c.kind }
        : { agency: c.agency, kind: c.kind, id: c.id };
    },
    /** The agency a topic is under (its first level below the root), if any. */
    agencyOf(topic: string): string | undefined {
      if (!topic.startsWith(`${root}/`)) return undefined;
      return topic.slice(root.length + 1).split('/', 1)[0];
    },
  };
}
export type Topics = ReturnType<typeof createTopics>;

export function isFeedKind(kind: string): kind is FeedKind {
  return (FEED_KINDS as readonly string[]).includes(kind);
}
