import { FEED_KINDS } from '../feed/topics';

/** What an account of the agencies file is for. */
export type AccountRole = 'agency' | 'ingest';

/** An authenticated broker user. */
export interface Principal {
  id: string;
  role: AccountRole;
}

/** MQTT topic filters an account may publish to (`write`) and subscribe to (`read`). */
export interface Grants {
  write: string[];
  read: string[];
}

/**
 * The topic permissions of one account: the single source of both the embedded broker's decisions
 * and the Mosquitto ACL file, so the two brokers cannot disagree.
 * - An agency writes only its own feed kinds (`{root}/{agency}/{kind}[/{id}]`), never its
 *   `rejects` or `orders`, and reads only `{root}/{agency}/orders/#` and `{root}/{agency}/rejects`.
 * - The ingest account reads every agency's feed (and `$SYS`, for queue monitoring) and writes
 *   reject notices and orders to any agency.
 */
export function grantsFor(principal: Principal, root: string): Grants {
  if (principal.role === 'ingest') {
    return {
      write: [`${root}/+/rejects`, `${root}/+/orders/#`],
      read: [`${root}/+/+`, `${root}/+/+/+`, '$SYS/#'],
    };
  }
  const own = `${root}/${principal.id}`;
  return {
    write: FEED_KINDS.flatMap((kind) => [`${own}/${kind}`, `${own}/${kind}/+`]),
    read: [`${own}/orders/#`, `${own}/rejects`],
  };
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

/** `$share/{group}/{filter}` → `{filter}`: brokers check a shared subscription's own filter. */
export function unshared(filter: string): string | undefined {
  if (!filter.startsWith('$share/')) return filter;
  const [, group, ...rest] = filter.split('/');
  if (!group || rest.length === 0 || isWildcard(group)) return undefined;
  return rest.join('/');
}

/** Pure topic-permission decisions for one topic root, with grants computed once per account. */
export function createAcl(root: string) {
  const cache = new Map<string, Grants>();
  const grants = (p: Principal): Grants => {
    const key = `${p.role}\0${p.id}`;
    let g = cache.get(key);
    if (!g) cache.set(key, (g = grantsFor(p, root)));
    return g;
  };
  return {
    grants,
    /** May `principal` publish to `topic`? Anonymous (undefined) never may. */
    mayPublish(principal: Principal | undefined, topic: string): boolean {
      if (!principal || topic.length === 0 || topic.includes('+') || topic.includes('#')) {
        return false;
      }
      return grants(principal).write.some((g) => filterWithin(topic, g));
    },
    /** May `principal` subscribe to `filter` (shared subscriptions by their own filter)? */
    maySubscribe(principal: Principal | undefined, filter: string): boolean {
      const inner = unshared(filter);
      if (!principal || inner === undefined || !wellFormed(inner)) return false;
      return grants(principal).read.some((g) => filterWithin(inner, g));
    },
  };
}
export type Acl = ReturnType<typeof createAcl>;
