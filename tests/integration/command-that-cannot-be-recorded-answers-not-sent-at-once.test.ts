import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningServer } from '../../server/src/server';
import { createIncidentCommand, emitCommand, postCommand } from '../helpers/commands';
import { isolate } from '../helpers/isolation';
import { connectAs } from '../helpers/live-client';
import { startPrivateRedisServer } from '../helpers/private-redis';
import { startTestServer, tokenFor } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';

/**
 * Redis refuses the write to the `commands` stream (here: the key holds a string, so XADD answers
 * WRONGTYPE). Nothing was sent, so the answer is `command.not_sent` at once — safe to send again —
 * not `command.timeout` ("may still be applied") after the whole confirmation wait.
 */
describe('a command Redis refuses to record', () => {
  const iso = isolate('not-sent');
  const keys = createKeys(iso.prefix);
  let server: RunningServer;
  let redis: Redis;
  beforeAll(async () => {
    redis = await connectRedis();
    // Longer than the test's timeout: the old answer (a timeout) would never come in time.
    server = await startTestServer(iso, { COMMAND_TIMEOUT_MS: '60000' });
    await redis.set(keys.commands, 'not a stream');
  });
  afterAll(async () => {
    await server.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
  });

  it('answers POST /api/v1/commands with 503 command.not_sent', async () => {
    const res = await postCommand(server, createIncidentCommand('rest-1'));
    expect(res).toMatchObject({
      status: 503,
      body: { ok: false, code: 'command.not_sent', message: expect.stringContaining('nothing') },
    });
  });

  it('acknowledges the socket command with command.not_sent', async () => {
    const commander = await connectAs(server, {}, 'commander');
    try {
      const command = createIncidentCommand('ws-1');
      expect(await emitCommand(commander, command)).toMatchObject({
        ok: false,
        commandId: command.commandId,
        code: 'command.not_sent',
      });
    } finally {
      commander.close();
    }
  });
});

describe('a command while Redis is unreachable', () => {
  const iso = isolate('not-sent-down');
  let server: RunningServer;
  let privateRedis: Awaited<ReturnType<typeof startPrivateRedisServer>>;
  beforeAll(async () => {
    privateRedis = await startPrivateRedisServer();
    server = await startTestServer(iso, {
      REDIS_URL: privateRedis.url,
      COMMAND_TIMEOUT_MS: '60000',
    });
  });
  afterAll(async () => {
    // Back on the same port, so the server's connections close cleanly.
    privateRedis = await startPrivateRedisServer(privateRedis.port);
    await server.close();
    await privateRedis.stop();
  });

  it('is not queued for a later reconnect but answered command.not_sent', async () => {
    const token = await tokenFor(server, 'commander');
    await privateRedis.stop();
    const res = await fetch(`${server.url}/api/v1/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(createIncidentCommand('down-1')),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'command.not_sent' });
  });
});
