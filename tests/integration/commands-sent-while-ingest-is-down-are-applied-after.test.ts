import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { createIncidentCommand, postCommand } from '../helpers/commands';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

describe('a command sent while ingest is down', () => {
  let h: FeedHarness;
  let server: RunningServer;
  beforeAll(async () => {
    h = await startFeedHarness('commands-down', BROKERS[0]!);
    server = await startTestServer(h.iso, { COMMAND_TIMEOUT_MS: '300' });
  });
  afterAll(async () => {
    await server.close();
    await h.stop();
  });

  it('times out, then is applied once ingest is back: nothing is lost', async () => {
    await h.ingest.close();
    const command = createIncidentCommand('fire-later');
    const sent = await postCommand(server, command);
    expect(sent).toMatchObject({
      status: 504,
      body: { ok: false, code: 'command.timeout', commandId: command.commandId },
    });
    expect(await h.redis.hGet(h.keys.state('incident'), 'cc:fire-later')).toBeNull();

    await h.restartIngest();
    await waitFor(() => h.redis.hGet(h.keys.state('incident'), 'cc:fire-later'), 'applied');
    // Asking again now answers with the result it got.
    const again = await postCommand(server, command);
    expect(again).toMatchObject({ status: 200, body: { ok: true } });
  });
});
