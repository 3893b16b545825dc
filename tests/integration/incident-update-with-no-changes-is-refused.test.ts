import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys, type Redis } from '@cc/shared/node';
import type { RunningServer } from '../../server/src/server';
import { emitCommand, newCommandId, postCommand } from '../helpers/commands';
import { isolate } from '../helpers/isolation';
import { connectAs } from '../helpers/live-client';
import { startTestServer } from '../helpers/product';
import { connectRedis, dropPrefix } from '../helpers/redis';

describe('incident.update with changes: {}', () => {
  const iso = isolate('empty-update');
  const keys = createKeys(iso.prefix);
  let server: RunningServer;
  let redis: Redis;
  beforeAll(async () => {
    redis = await connectRedis();
    server = await startTestServer(iso);
  });
  afterAll(async () => {
    await server.close();
    await dropPrefix(redis, iso.prefix);
    await redis.close();
  });

  const emptyUpdate = () => ({
    type: 'incident.update',
    commandId: newCommandId(),
    incidentId: 'cc:fire-1',
    changes: {},
  });

  it('is refused over REST as command.invalid naming `changes`, and nothing is recorded', async () => {
    const res = await postCommand(server, emptyUpdate());
    expect(res).toMatchObject({
      status: 400,
      body: { ok: false, code: 'command.invalid', path: ['changes'] },
    });
    expect(await redis.exists(keys.commands)).toBe(0);
    expect(await redis.exists(keys.events)).toBe(0);
  });

  it('is refused over the socket the same way', async () => {
    const commander = await connectAs(server, {}, 'commander');
    try {
      expect(await emitCommand(commander, emptyUpdate())).toMatchObject({
        ok: false,
        code: 'command.invalid',
        path: ['changes'],
      });
    } finally {
      commander.close();
    }
  });
});
