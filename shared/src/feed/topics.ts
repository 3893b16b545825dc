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
] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export const DEFAULT_TOPIC_ROOT = 'cc/v1';

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

/** Builds topic strings; the only place topic layout is spelled out. */
export function createTopics(root: string = DEFAULT_TOPIC_ROOT) {
  return {
    root,
    feed: (agency: string, kind: FeedKind, id?: string) =>
      id === undefined ? `${root}/${agency}/${kind}` : `${root}/${agency}/${kind}/${id}`,
    rejects: (agency: string) => `${root}/${agency}/rejects`,
    orders: (agency: string) => `${root}/${agency}/orders`,
    /** Subscriptions that cover every agency's feed kinds (with and without a trailing id). */
    ingestFilters: () => [`${root}/+/+`, `${root}/+/+/+`],
    /** Splits a topic under the root; undefined when it is not one of ours. */
    parse(topic: string): FeedTopic | undefined {
      if (!topic.startsWith(`${root}/`)) return undefined;
      const parts = topic.slice(root.length + 1).split('/');
      if (parts.length < 2 || parts.length > 3) return undefined;
      const [agency, kind, id] = parts as [string, string, string | undefined];
      return id === undefined ? { agency, kind } : { agency, kind, id };
    },
  };
}
export type Topics = ReturnType<typeof createTopics>;

export function isFeedKind(kind: string): kind is FeedKind {
  return (FEED_KINDS as readonly string[]).includes(kind);
}
