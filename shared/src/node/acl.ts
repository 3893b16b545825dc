import type { FeedErrorCode } from '../errors';
import { createTopics, FEED_KINDS, isFeedKind, type FeedKind, type Topics } from '../feed/topics';

/** What an account of the agencies file is for. */
export type AccountRole = 'agency' | 'ingest' | 'monitor';

/** An authenticated broker user. */
export interface Principal {
  id: string;
  role: AccountRole;
  /** An agency's kinds (the agencies file); absent: every kind (no agencies file). */
  kinds?: readonly FeedKind[] | undefined;
}

/** MQTT topic filters an account may publish to, and subscribe to (and receive under). */
export interface Grants {
  publish: string[];
  /** Under `publish`, what it may not publish to: these win. */
  publishDenied: string[];
  subscribe: string[];
}

/**
 * The broker-level topic permissions of one account: what the generated Mosquitto ACL grants,
 * and what the embedded broker lets a subscription have.
 * - An agency publishes anywhere under `{root}/{agency}/`, less what the command center writes
 *   there (`rejects`, `orders`, `$refused`), and subscribes only to its `orders` and `rejects`.
 *   Its whole subtree, not only its kinds: a publish the broker refuses is dropped silently for
 *   an MQTT 3.1.1 publisher, so what is the agency's own reaches ingest, which refuses an
 *   unknown or forbidden kind with a notice (`publishVerdict` has the kinds).
 * - An ingest worker subscribes to every agency's subtree (and `$SYS`) and publishes reject
 *   notices and orders to any agency.
 * - A monitor account reads `$SYS` only (the broker's health check, drop counters).
 */
export function grantsFor(principal: Principal, root: string): Grants {
  const topics = createTopics(root);
  switch (principal.role) {
    case 'ingest':
      return {
        publish: [topics.anyRejects, topics.anyOrders],
        publishDenied: [],
        subscribe: [topics.anyAgency, '$SYS/#'],
      };
    case 'monitor':
      return { publish: [], publishDenied: [], subscribe: ['$SYS/#'] };
    case 'agency':
      return {
        publish: [topics.agencyTree(principal.id)],
        publishDenied: topics.outputsOf(principal.id),
        subscribe: [topics.ordersTree(principal.id), topics.rejects(principal.id)],
      };
  }
}

/** A publish allowed, or refused with the reason a reject notice gives. */
export type Verdict = { ok: true } | { ok: false; code: FeedErrorCode; reason: string };

const refuse = (code: FeedErrorCode, reason: string): Verdict => ({ ok: false, code, reason });

/**
 * The feed contract's rule for one agency's publish, decided from the topic alone: under its
 * own `{agency}/`, of the feed shape, a kind that exists and that the agencies file lets it
 * publish. The embedded broker applies it to every publish; ingest again to what it receives
 * (the only check of kinds on Mosquitto, whose ACL stops at the agency's subtree).
 */
export function feedVerdict(topics: Topics, agency: Principal, topic: string): Verdict {
  const own = topics.agencyPrefix(agency.id);
  const c = topics.classify(topic);
  if (c.type === 'outside' || c.agency !== agency.id) {
    return refuse('feed.forbidden_topic', `${agency.id} publishes only under ${own}`);
  }
  if (c.type === 'output' || c.type === 'refused') {
    return refuse('feed.forbidden_topic', `${topic} is written by the command center`);
  }
  if (c.type === 'malformed') {
    return refuse('feed.bad_topic', `${c.reason}: ${own}{kind} or ${own}{kind}/{id}`);
  }
  if (!isFeedKind(c.kind)) {
    return refuse('feed.unknown_kind', `"${c.kind}" is not a feed kind (${FEED_KINDS.join(', ')})`);
  }
  if (agency.kinds && !agency.kinds.includes(c.kind)) {
    return refuse(
      'feed.forbidden_kind',
      `the agencies file lets ${agency.id} publish ${agency.kinds.join(', ')}; not ${c.kind}`,
    );
  }
  return { ok: true };
}

const isWildcard = (level: string | undefined) => level === '+' || level === '#';

/**
 * True when every topic `filter` can match is also matched by `grant` (a topic is a filter
 * without wildcards). `#` covers its parent level too, as in MQTT; a grant starting with a
 * wildcard never covers `$` topics.
 */
export function filterWithin(filter: string, grant: string): boolean {
  const f = filter.split('/');
  const g = grant.split('/');
  if (f[0]?.startsWith('$') && isWildcard(g[0])) return false;
  for (let i = 0; i < g.length; i++) {
    const gl = g[i];
    if (gl === '#') return true;
    const fl = f[i];
    if (fl === undefined || fl === '#') return false;
    if (gl === '+') continue;
    if (fl !== gl) return false;
  }
  return f.length === g.length;
}

/** A well-formed MQTT filter: wildcards only as whole levels, `#` only last. */
function wellFormed(filter: string): boolean {
  if (filter.length === 0) return false;
  const levels = filter.split('/');
  return levels.every(
    (level, i) =>
      (!level.includes('+') || level === '+') &&
      (!level.includes('#') || (level === '#' && i === levels.length - 1)),
  );
}

/**
 * The client ids an account may connect with on the embedded broker: its id, or its id, `.`
 * and a suffix of its own (`ent-a.gateway`). No account can use another's (account ids never
 * hold a `.`), so none can resume another's session. Mosquitto replaces every client id with
 * the account id instead (`use_username_as_clientid`): the first form only.
 */
export function mayUseClientId(accountId: string, clientId: string): boolean {
  return (
    clientId === accountId ||
    (clientId.startsWith(`${accountId}.`) && clientId.length > accountId.length + 1)
  );
}

/** Pure topic-permission decisions for one topic root, with grants computed once per account. */
export function createAcl(root: string) {
  const topics = createTopics(root);
  const cache = new Map<string, Grants>();
  const grants = (p: Principal): Grants => {
    const key = `${p.role}\0${p.id}`;
    let g = cache.get(key);
    if (!g) cache.set(key, (g = grantsFor(p, root)));
    return g;
  };
  const within = (topic: string, filters: readonly string[]) =>
    filters.some((g) => filterWithin(topic, g));

  /**
   * What the embedded broker does with a publish: an agency's by the feed contract's rule
   * (`feedVerdict`, kinds included), a service account's by its grants. Anonymous never may.
   */
  function publishVerdict(principal: Principal | undefined, topic: string): Verdict {
    if (!principal) return refuse('feed.forbidden_topic', 'not logged in');
    if (topic.length === 0 || topic.includes('+') || topic.includes('#')) {
      return refuse('feed.bad_topic', 'a topic name holds no wildcard and is not empty');
    }
    if (principal.role === 'agency') return feedVerdict(topics, principal, topic);
    const g = grants(principal);
    return within(topic, g.publish) && !within(topic, g.publishDenied)
      ? { ok: true }
      : refuse('feed.forbidden_topic', `${principal.id} may not publish to ${topic}`);
  }

  return {
    topics,
    grants,
    publishVerdict,
    /** May `principal` publish to `topic`? */
    mayPublish: (principal: Principal | undefined, topic: string) =>
      publishVerdict(principal, topic).ok,
    /** May `principal` subscribe to `filter`? */
    maySubscribe(principal: Principal | undefined, filter: string): boolean {
      if (!principal || !wellFormed(filter)) return false;
      return within(filter, grants(principal).subscribe);
    },
  };
}
export type Acl = ReturnType<typeof createAcl>;
