import { describe, expect, it } from 'vitest';
import { FEED_KINDS } from '@cc/shared';
import { createAcl, filterWithin, unshared, type Principal } from '@cc/shared/node';

const acl = createAcl('cc/v1');
const A: Principal = { id: 'ent-a', role: 'agency' };
const INGEST: Principal = { id: 'ingest', role: 'ingest' };

describe('an agency', () => {
  it.each(FEED_KINDS)('publishes its own %s feed, with or without an entity id', (kind) => {
    expect(acl.mayPublish(A, `cc/v1/ent-a/${kind}`)).toBe(true);
    expect(acl.mayPublish(A, `cc/v1/ent-a/${kind}/x-1`)).toBe(true);
  });

  it.each([
    ['another agency’s feed', 'cc/v1/ent-b/sensor'],
    ['another agency’s entity', 'cc/v1/ent-b/hazard/x'],
    ['its own reject notices', 'cc/v1/ent-a/rejects'],
    ['its own orders', 'cc/v1/ent-a/orders'],
    ['an order below its orders', 'cc/v1/ent-a/orders/o-1'],
    ['an unknown kind', 'cc/v1/ent-a/gossip'],
    ['a topic deeper than {kind}/{id}', 'cc/v1/ent-a/sensor/x/y'],
    ['the root itself', 'cc/v1/ent-a'],
    ['another root', 'cc/v2/ent-a/sensor'],
    ['an agency whose id starts with its own', 'cc/v1/ent-a2/sensor'],
    ['$SYS', '$SYS/broker/uptime'],
    ['a wildcard topic', 'cc/v1/ent-a/+'],
  ])('does not publish to %s', (_what, topic) => {
    expect(acl.mayPublish(A, topic)).toBe(false);
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

describe('the ingest service account', () => {
  it.each([
    'cc/v1/+/+',
    'cc/v1/+/+/+',
    '$share/ingest/cc/v1/+/+',
    '$share/ingest/cc/v1/+/+/+',
    'cc/v1/ent-a/sensor',
    '$SYS/broker/publish/messages/dropped',
  ])('subscribes to %s', (filter) => {
    expect(acl.maySubscribe(INGEST, filter)).toBe(true);
  });

  it.each(['#', 'cc/v1/#', 'cc/v1/+/+/+/+', '$share//cc/v1/+/+', '$share/g', '+/v1/+/+'])(
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

describe('anonymous clients', () => {
  it('may neither publish nor subscribe', () => {
    expect(acl.mayPublish(undefined, 'cc/v1/ent-a/sensor')).toBe(false);
    expect(acl.maySubscribe(undefined, 'cc/v1/ent-a/rejects')).toBe(false);
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

  it('checks a shared subscription by its own filter', () => {
    expect(unshared('$share/g/cc/v1/+/+')).toBe('cc/v1/+/+');
    expect(unshared('cc/v1/+/+')).toBe('cc/v1/+/+');
    expect(unshared('$share/+/x')).toBeUndefined();
  });
});
