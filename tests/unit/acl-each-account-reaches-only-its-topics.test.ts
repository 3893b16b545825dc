import { describe, expect, it } from 'vitest';
import { createTopics, FEED_KINDS } from '@cc/shared';
import {
  createAcl,
  feedVerdict,
  filterWithin,
  grantsFor,
  mayUseClientId,
  type Principal,
} from '@cc/shared/node';

const acl = createAcl('cc/v1');
const A: Principal = { id: 'ent-a', role: 'agency' };
const CHEM: Principal = { id: 'ent-chem', role: 'agency', kinds: ['hazard', 'sensor'] };
const INGEST: Principal = { id: 'ingest', role: 'ingest' };
const MONITOR: Principal = { id: 'monitor', role: 'monitor' };
const codeOf = (p: Principal, topic: string) => {
  const v = acl.publishVerdict(p, topic);
  return v.ok ? 'ok' : v.code;
};

describe('an agency', () => {
  it.each(FEED_KINDS)('publishes its own %s feed, with or without an entity id', (kind) => {
    expect(acl.mayPublish(A, `cc/v1/ent-a/${kind}`)).toBe(true);
    expect(acl.mayPublish(A, `cc/v1/ent-a/${kind}/x-1`)).toBe(true);
  });

  it.each([
    ['another agency’s feed', 'cc/v1/ent-b/sensor', 'feed.forbidden_topic'],
    ['another agency’s entity', 'cc/v1/ent-b/hazard/x', 'feed.forbidden_topic'],
    ['its own reject notices', 'cc/v1/ent-a/rejects', 'feed.forbidden_topic'],
    ['its own orders', 'cc/v1/ent-a/orders', 'feed.forbidden_topic'],
    ['an order below its orders', 'cc/v1/ent-a/orders/o-1', 'feed.forbidden_topic'],
    ['the broker’s refusals', 'cc/v1/ent-a/$refused', 'feed.forbidden_topic'],
    ['an unknown kind', 'cc/v1/ent-a/gossip', 'feed.unknown_kind'],
    ['a kind with a typo', 'cc/v1/ent-a/incidents', 'feed.unknown_kind'],
    ['a topic deeper than {kind}/{id}', 'cc/v1/ent-a/sensor/x/y', 'feed.bad_topic'],
    ['its agency level alone', 'cc/v1/ent-a', 'feed.bad_topic'],
    ['an empty id level', 'cc/v1/ent-a/sensor/', 'feed.bad_topic'],
    ['a level with NUL', 'cc/v1/ent-a/sensor\u0000', 'feed.bad_topic'],
    ['a level that was not UTF-8', 'cc/v1/ent-a/sens\uFFFDor', 'feed.bad_topic'],
    ['another root', 'cc/v2/ent-a/sensor', 'feed.forbidden_topic'],
    ['an agency whose id starts with its own', 'cc/v1/ent-a2/sensor', 'feed.forbidden_topic'],
    ['$SYS', '$SYS/broker/uptime', 'feed.forbidden_topic'],
    ['a wildcard topic', 'cc/v1/ent-a/+', 'feed.bad_topic'],
  ])('does not publish to %s (%s)', (_what, topic, code) => {
    expect(codeOf(A, topic)).toBe(code);
  });

  it('publishes only the kinds the agencies file gives it', () => {
    expect(codeOf(CHEM, 'cc/v1/ent-chem/hazard/t-1')).toBe('ok');
    expect(codeOf(CHEM, 'cc/v1/ent-chem/sensor')).toBe('ok');
    expect(codeOf(CHEM, 'cc/v1/ent-chem/warning')).toBe('feed.forbidden_kind');
    const v = acl.publishVerdict(CHEM, 'cc/v1/ent-chem/incident');
    expect(v).toEqual({
      ok: false,
      code: 'feed.forbidden_kind',
      reason: 'the agencies file lets ent-chem publish hazard, sensor; not incident',
    });
  });

  it.each([
    'cc/v1/ent-a/rejects',
    'cc/v1/ent-a/orders/#',
    'cc/v1/ent-a/orders',
    'cc/v1/ent-a/orders/+',
    'cc/v1/ent-a/orders/o-1',
  ])('subscribes to %s', (filter) => {
    expect(acl.maySubscribe(A, filter)).toBe(true);
  });

  it.each([
    'cc/v1/ent-b/rejects',
    'cc/v1/+/rejects',
    'cc/v1/ent-a/#',
    'cc/v1/ent-a/+',
    'cc/v1/ent-a/sensor',
    'cc/v1/ent-a/$refused',
    'cc/v1/#',
    '#',
    '$SYS/#',
    '$share/g/cc/v1/ent-b/rejects',
    'cc/v1/ent-a/rejects/#',
    'cc/v1/ent-a/orders/o#',
  ])('does not subscribe to %s', (filter) => {
    expect(acl.maySubscribe(A, filter)).toBe(false);
  });
});

describe('the Mosquitto grants of an agency', () => {
  const g = grantsFor(A, 'cc/v1');
  const allowed = (topic: string) =>
    g.publish.some((f) => filterWithin(topic, f)) &&
    !g.publishDenied.some((f) => filterWithin(topic, f));

  it.each([
    'cc/v1/ent-a/sensor',
    'cc/v1/ent-a/incidents',
    'cc/v1/ent-a/gossip/x',
    'cc/v1/ent-a/sensor/x/y',
    'cc/v1/ent-a',
  ])('let %s through to ingest, which judges it with a notice', (topic) => {
    expect(allowed(topic)).toBe(true);
    expect(codeOf(A, topic)).not.toBe('feed.forbidden_topic');
  });

  it.each([
    'cc/v1/ent-b/sensor',
    'cc/v1/ent-a/rejects',
    'cc/v1/ent-a/orders',
    'cc/v1/ent-a/orders/o-1',
    'cc/v1/ent-a/$refused',
    'cc/v2/ent-a/sensor',
  ])('stop %s, as the embedded broker does (feed.forbidden_topic)', (topic) => {
    expect(allowed(topic)).toBe(false);
    expect(codeOf(A, topic)).toBe('feed.forbidden_topic');
  });

  it('are the subscriptions the embedded broker allows', () => {
    for (const filter of g.subscribe) expect(acl.maySubscribe(A, filter)).toBe(true);
  });
});

describe('ingest’s own check of a topic', () => {
  const topics = createTopics('cc/v1');
  it('is the embedded broker’s, for the topic’s agency', () => {
    for (const topic of ['cc/v1/ent-chem/warning', 'cc/v1/ent-chem/x', 'cc/v1/ent-chem/hazard']) {
      expect(feedVerdict(topics, CHEM, topic)).toEqual(acl.publishVerdict(CHEM, topic));
    }
  });
});

describe('the ingest service account', () => {
  it.each([
    'cc/v1/+/#',
    'cc/v1/ent-a/#',
    'cc/v1/+/+',
    'cc/v1/ent-a/sensor',
    '$SYS/broker/publish/messages/dropped',
  ])('subscribes to %s', (filter) => {
    expect(acl.maySubscribe(INGEST, filter)).toBe(true);
  });

  it.each(['#', 'cc/v1/#', '$share/ingest/cc/v1/+/+', '+/v1/+/+', 'cc/v2/+/#'])(
    'does not subscribe to %s',
    (filter) => {
      expect(acl.maySubscribe(INGEST, filter)).toBe(false);
    },
  );

  it('publishes reject notices and orders to any agency, and no feed', () => {
    expect(acl.mayPublish(INGEST, 'cc/v1/ent-b/rejects')).toBe(true);
    expect(acl.mayPublish(INGEST, 'cc/v1/ent-b/orders')).toBe(true);
    expect(acl.mayPublish(INGEST, 'cc/v1/ent-b/orders/o-1')).toBe(true);
    expect(acl.mayPublish(INGEST, 'cc/v1/ent-b/sensor')).toBe(false);
    expect(acl.mayPublish(INGEST, '$SYS/x')).toBe(false);
  });
});

describe('the monitor account', () => {
  it('reads $SYS and nothing else, and publishes nothing', () => {
    expect(acl.maySubscribe(MONITOR, '$SYS/broker/publish/messages/dropped')).toBe(true);
    expect(acl.maySubscribe(MONITOR, 'cc/v1/+/#')).toBe(false);
    expect(acl.mayPublish(MONITOR, 'cc/v1/ent-a/rejects')).toBe(false);
  });
});

describe('anonymous clients', () => {
  it('may neither publish nor subscribe', () => {
    expect(acl.mayPublish(undefined, 'cc/v1/ent-a/sensor')).toBe(false);
    expect(acl.maySubscribe(undefined, 'cc/v1/ent-a/rejects')).toBe(false);
  });
});

describe('client ids', () => {
  it.each([
    ['ent-a', 'ent-a', true],
    ['ent-a', 'ent-a.gateway', true],
    ['ingest-1', 'ingest-1.x', true],
    ['ent-a', 'ent-a.', false],
    ['ent-a', 'ent-ab', false],
    ['ent-a', 'ent-a-b', false],
    ['ent-a', 'ingest-1', false],
    ['ent-a', 'cc-ingest-1', false],
    ['ent-bj', 'ent-bj-huaxin', false],
  ])('%s may use %s: %s', (account, clientId, may) => {
    expect(mayUseClientId(account, clientId)).toBe(may);
  });
});

describe('filter containment', () => {
  it.each([
    ['a/b', 'a/b', true],
    ['a/b', 'a/+', true],
    ['a/+', 'a/+', true],
    ['a/+', 'a/b', false],
    ['a/#', 'a/+', false],
    ['a', 'a/#', true],
    ['a/b/c', 'a/#', true],
    ['a/#', 'a/#', true],
    ['a', 'a/b/#', false],
    ['a/b/c', 'a/+', false],
    ['$SYS/x', '+/x', false],
    ['$SYS/x', '#', false],
  ])('%s within %s: %s', (filter, grant, within) => {
    expect(filterWithin(filter, grant)).toBe(within);
  });
});
