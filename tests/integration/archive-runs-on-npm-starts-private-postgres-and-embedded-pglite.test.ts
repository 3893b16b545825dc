import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeys, type Redis } from '@cc/shared/node';
import { startArchiver } from '../../archiver/src/archiver';
import {
  postgresBinaries,
  startPglite,
  startPrivatePostgres,
  type EmbeddedDatabase,
} from '../../scripts/start/postgres';
import { isolate } from '../helpers/isolation';
import { quietLog } from '../helpers/product';
import { connectRedis, dropPrefix, REDIS_URL } from '../helpers/redis';
import { waitFor } from '../helpers/wait';

/**
 * What `npm start` falls back to without a PostgreSQL at DATABASE_URL: a private postgres under
 * .data/ when the binaries are installed, else PGlite in its own process, served over the wire
 * protocol. The archiver runs on each unchanged (the same migrations, the same statements), and
 * what it archived is still there after a restart from the same directory.
 */
const DATABASES: {
  name: string;
  available: boolean;
  start: (dir: string) => Promise<EmbeddedDatabase>;
}[] = [
  {
    name: 'a private postgres',
    available: postgresBinaries() !== undefined,
    start: (dir) => startPrivatePostgres(postgresBinaries()!, dir, 0),
  },
  { name: 'embedded PGlite', available: true, start: (dir) => startPglite(dir, 0) },
];

let redis: Redis;
beforeAll(async () => {
  redis = await connectRedis();
});
afterAll(async () => {
  await redis.close();
});

describe.each(DATABASES)('on $name', ({ available, start }) => {
  const iso = isolate('archive-fallback');
  const keys = createKeys(iso.prefix);
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-archive-'));
  afterAll(async () => {
    await dropPrefix(redis, iso.prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!available)(
    'archives every event and keeps it across a restart',
    async () => {
      const ids: string[] = [];
      for (let i = 0; i < 50; i++) {
        const event = { kind: 'incident', op: 'upsert', data: { id: `a:i${i}`, ts: i } };
        ids.push(await redis.xAdd(keys.events, '*', { e: JSON.stringify(event) }));
      }
      const archivedIds = async (url: string) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const { rows } = await client.query<{ id: string }>(
            `SELECT stream_ms || '-' || stream_seq AS id FROM events ORDER BY stream_ms, stream_seq`,
          );
          return rows.map((r) => r.id);
        } catch {
          return [];
        } finally {
          await client.end();
        }
      };

      let db = await start(dir);
      const archiver = await startArchiver({
        redisUrl: REDIS_URL,
        redisPrefix: iso.prefix,
        databaseUrl: db.url,
        consumer: 'archiver-test',
        sampleMs: 10_000,
        snapshotMs: 600_000,
        log: quietLog,
        blockMs: 200,
      });
      try {
        await waitFor(
          async () => (await archivedIds(db.url)).length === ids.length,
          'every event archived',
          60_000,
        );
      } finally {
        await archiver.close();
      }
      await db.stop();

      db = await start(dir);
      try {
        expect(await archivedIds(db.url)).toEqual(ids);
      } finally {
        await db.stop();
      }
    },
    180_000,
  );
});
