import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningIngest } from '../../ingest/src/ingest';
import { startAgencyHarness, type AgencyHarness } from '../helpers/agency-harness';
import { AUTHENTICATED_BROKERS } from '../helpers/authenticated-brokers';
import { incidentMessage } from '../helpers/fault-load';
import { startTestIngest } from '../helpers/product';
import { waitFor } from '../helpers/wait';

/** Of two workers, ent-a hashes to the first, ent-b to the second (`ownerOf`). */
const AGENCIES = ['ent-a', 'ent-b'] as const;

/** Counts, per worker, the agencies whose messages the broker gave it. */
function countByAgency(ingest: RunningIngest, root: string) {
  const seen = new Map<string, number>();
  ingest.subscriber.client.on('message', (topic: string) => {
    // The broker's own counters ($SYS) come on the same connection.
    if (!topic.startsWith(`${root}/`)) return;
    const agency = topic.slice(root.length + 1).split('/')[0]!;
    seen.set(agency, (seen.get(agency) ?? 0) + 1);
  });
  return seen;
}

/**
 * Several ingest workers without shared subscriptions: INGEST_PARTITION gives each a fixed part
 * of the agencies, subscribed with plain persistent subscriptions (which Mosquitto keeps across
 * its restarts, unlike `$share` ones). Scaling in: the staying worker takes the union of its old
 * and new parts, then the retiring one restarts owning none, unsubscribes and drains its session.
 */
describe.each(AUTHENTICATED_BROKERS)('on $name with accounts', (broker) => {
  let h: AgencyHarness;
  let second: RunningIngest | undefined;
  let n = 0;

  beforeAll(async () => {
    h = await startAgencyHarness('partition', broker, [{ id: 'ingest-2', role: 'ingest' }], {
      INGEST_PARTITION: '1/2',
    });
    second = await startTestIngest(h.iso, h.url, {
      ...h.accounts.ingestEnvOf('ingest-2'),
      INGEST_PARTITION: '2/2',
    });
  });
  afterAll(async () => {
    await second?.close();
    await h.stop();
  });

  /** Publishes `count` incidents for each agency; returns their entity ids. */
  async function publish(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (const agency of AGENCIES) {
      const client = await h.connectAs(agency);
      for (let i = 0; i < count; i++) {
        const id = `P-${++n}`;
        const message = JSON.stringify(incidentMessage(id, Date.now() - 1_000));
        await client.publishAsync(h.topic(agency, 'incident'), message, { qos: 1 });
        ids.push(`${agency}:${id}`);
      }
      await client.endAsync();
    }
    return ids;
  }

  async function stored(ids: readonly string[]) {
    await waitFor(async () => {
      const have = new Set(await h.ids('incident'));
      return ids.every((id) => have.has(id));
    }, `${ids.length} incidents stored`);
  }

  it('gives each agency to exactly one worker', async () => {
    const first = countByAgency(h.ingest, h.iso.topicRoot);
    const other = countByAgency(second!, h.iso.topicRoot);
    const ids = await publish(5);
    await stored(ids);
    expect(Object.fromEntries(first)).toEqual({ 'ent-a': 5 });
    expect(Object.fromEntries(other)).toEqual({ 'ent-b': 5 });
  });

  it('scales in to one worker without a message going astray', async () => {
    // The staying worker takes both parts; the retiring one still holds its own.
    await h.stopIngest();
    await h.startIngest({ INGEST_PARTITION: '1/2,1/1' });
    let first = countByAgency(h.ingest, h.iso.topicRoot);
    await stored(await publish(3));
    expect(Object.fromEntries(first)).toEqual({ 'ent-a': 3, 'ent-b': 3 });

    // The retiring worker comes back owning nothing: it unsubscribes (its session stays, and
    // it is ready once the broker has answered).
    await second!.close();
    second = await startTestIngest(h.iso, h.url, {
      ...h.accounts.ingestEnvOf('ingest-2'),
      INGEST_PARTITION: '2/1',
    });
    expect(second.subscriber.session().sessionPresent).toBe(true);
    const retired = countByAgency(second, h.iso.topicRoot);
    await h.stopIngest();
    await h.startIngest({ INGEST_PARTITION: '1/1' });
    first = countByAgency(h.ingest, h.iso.topicRoot);
    const ids = await publish(4);
    await stored(ids);
    expect(Object.fromEntries(first)).toEqual({ 'ent-a': 4, 'ent-b': 4 });
    expect(Object.fromEntries(retired)).toEqual({});
  });
});
