import { describe, expect, it } from 'vitest';
import { createTopics } from '@cc/shared';
import { hashPassword, loadConfig, parseAgencies } from '@cc/shared/node';
import { ownedAgencies, ownerOf, parsePartition } from '../../ingest/src/mqtt/partition';
import { subscriptionsOf } from '../../ingest/src/mqtt/subscriptions';

const AGENCIES = Array.from({ length: 200 }, (_, i) => `ent-${i}`);
const topics = createTopics('cc/v1');
const file = parseAgencies({
  version: 1,
  accounts: [
    {
      id: 'ingest-1',
      name: '接入',
      role: 'ingest',
      password: hashPassword('x', { iterations: 10 }),
    },
    {
      id: 'monitor',
      name: '监控',
      role: 'monitor',
      password: hashPassword('x', { iterations: 10 }),
    },
    ...['ent-a', 'ent-b', 'ent-c'].map((id) => ({
      id,
      name: id,
      role: 'agency',
      kinds: ['sensor'],
      password: hashPassword('x', { iterations: 10 }),
    })),
  ],
});
const settings = (over: Record<string, string>) =>
  loadConfig({ MQTT_USERNAME: 'ingest-1', ...over });

describe('INGEST_PARTITION', () => {
  it.each([1, 2, 3, 6])('of %i workers gives every agency to exactly one', (n) => {
    const counts = Array.from({ length: n }, (_, k) =>
      ownedAgencies(AGENCIES, parsePartition(`${k + 1}/${n}`)),
    );
    expect(counts.flat().sort()).toEqual([...AGENCIES].sort());
    // Roughly even: no worker has twice its share.
    for (const owned of counts) expect(owned.length).toBeLessThan((2 * AGENCIES.length) / n);
  });

  it('is stable: an agency keeps its worker whatever other agencies come and go', () => {
    const before = AGENCIES.map((a) => ownerOf(a, 4));
    expect(AGENCIES.map((a) => ownerOf(a, 4))).toEqual(before);
    expect(ownedAgencies(['ent-7'], parsePartition('1/4,2/4,3/4,4/4'))).toEqual(['ent-7']);
  });

  it('k/N,k/M is the union while moving from N to M workers; k > N owns nothing', () => {
    const union = ownedAgencies(AGENCIES, parsePartition('1/2,1/3'));
    const parts = new Set([
      ...ownedAgencies(AGENCIES, parsePartition('1/2')),
      ...ownedAgencies(AGENCIES, parsePartition('1/3')),
    ]);
    expect(new Set(union)).toEqual(parts);
    expect(ownedAgencies(AGENCIES, parsePartition('3/2'))).toEqual([]);
  });

  it.each(['0/2', '2', '1/0', 'a/b', '1/2,', '1/2;2/2'])('refuses %s', (value) => {
    expect(() => loadConfig({ INGEST_PARTITION: value })).toThrow(/INGEST_PARTITION/);
  });
});

describe('a worker’s subscriptions', () => {
  it('are every agency’s subtree unpartitioned, its own agencies’ partitioned', () => {
    expect(subscriptionsOf(settings({}), topics, file).filters).toEqual(['cc/v1/+/#']);
    const owned = ownedAgencies(['ent-a', 'ent-b', 'ent-c'], parsePartition('1/2'));
    const s = subscriptionsOf(settings({ INGEST_PARTITION: '1/2' }), topics, file);
    expect(s.owned).toEqual(owned);
    expect(s.filters).toEqual(owned.map((a) => `cc/v1/${a}/#`));
  });

  it('leave behind, on a kept session, what it no longer owns and what older versions used', () => {
    const s = subscriptionsOf(settings({ INGEST_PARTITION: '1/2' }), topics, file);
    const others = ['ent-a', 'ent-b', 'ent-c'].filter((a) => !s.owned?.includes(a));
    expect(s.stale).toEqual(
      expect.arrayContaining([
        'cc/v1/+/#',
        'cc/v1/+/+',
        'cc/v1/+/+/+',
        '$share/ingest/cc/v1/+/+',
        ...others.map((a) => `cc/v1/${a}/#`),
      ]),
    );
    for (const f of s.filters) expect(s.stale).not.toContain(f);
  });

  it('need the agencies file to partition', () => {
    expect(() => subscriptionsOf(settings({ INGEST_PARTITION: '1/2' }), topics, undefined)).toThrow(
      /INGEST_PARTITION needs AGENCIES_FILE/,
    );
  });

  it('start only with a client id of the worker’s own ingest account', () => {
    expect(settings({}).INGEST_CLIENT_ID).toBe('ingest-1');
    expect(() =>
      subscriptionsOf(settings({ INGEST_CLIENT_ID: 'cc-ingest-1' }), topics, file),
    ).toThrow(/INGEST_CLIENT_ID cc-ingest-1 is not a client id of account ingest-1/);
    expect(
      subscriptionsOf(settings({ INGEST_CLIENT_ID: 'ingest-1.a' }), topics, file).filters,
    ).toHaveLength(1);
    expect(() => subscriptionsOf(loadConfig({ MQTT_USERNAME: 'monitor' }), topics, file)).toThrow(
      /monitor has role monitor in the agencies file/,
    );
  });
});
