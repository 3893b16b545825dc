import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warning } from '@cc/shared';
import type { RunningIngest } from '../../ingest/src/ingest';
import { BROKERS } from '../helpers/brokers';
import { jsonWarning } from '../helpers/cap-fixtures';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { startTestIngest } from '../helpers/product';
import { waitFor } from '../helpers/wait';

describe.each(BROKERS)('on $name: a warning past its expiry', (broker) => {
  let h: FeedHarness;
  let second: RunningIngest;
  beforeAll(async () => {
    h = await startFeedHarness('expiry', broker);
    // A second worker sweeps too: the removal must still happen exactly once.
    second = await startTestIngest(h.iso, h.brokerUrl, {
      INGEST_CLIENT_ID: h.iso.clientId('ingest-2'),
    });
  });
  afterAll(async () => {
    await second.close();
    await h.stop();
  });

  it('leaves the picture by itself, on time, with one remove event', async () => {
    const id = `${h.agency}:CZ-WIND-1`;
    const expires = Date.now() + 2_000;
    await h.publish(
      'warning',
      jsonWarning('CZ-WIND-1', new Date().toISOString(), new Date(expires).toISOString()),
    );
    const json = await waitFor(() => h.redis.hGet(h.keys.state('warning'), id), 'warning stored');
    const warning = Warning.parse(JSON.parse(json));
    expect(warning.expires).toBe(expires);
    // Xinbei's outline for the geocode; a 64-point polygon for the circle.
    expect(warning.areas[0]!.geometry.type).toBe('Polygon');
    expect(warning.areas[1]!.geometry.coordinates[0]).toHaveLength(65);

    await waitFor(
      async () => !(await h.redis.hExists(h.keys.state('warning'), id)),
      'warning expired',
      5_000,
    );
    const gone = Date.now();
    expect(gone).toBeGreaterThanOrEqual(expires);
    // Swept at least every second (SWEEP_INTERVAL_MS default), plus polling slack.
    expect(gone - expires).toBeLessThan(1_500);

    // Let both workers sweep again: still exactly one removal.
    await new Promise((r) => setTimeout(r, 1_200));
    const removes = (await h.events()).filter((e) => e.kind === 'warning' && e.op === 'remove');
    expect(removes).toEqual([{ kind: 'warning', op: 'remove', entityId: id }]);
  });
});
