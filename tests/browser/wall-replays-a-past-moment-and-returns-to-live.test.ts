import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@cc/shared';
import { startArchiver, type Archiver } from '../../archiver/src/archiver';
import { reading } from '../helpers/fixtures';
import { isolate } from '../helpers/isolation';
import { testSchema, type TestSchema } from '../helpers/postgres';
import { api, quietLog } from '../helpers/product';
import { REDIS_URL } from '../helpers/redis';
import { waitFor } from '../helpers/wait';
import { DOCS_SCREENSHOTS, incidentMessage, startWall, type Wall } from '../helpers/wall-page';

/** An element as the page's evaluate sees it (the tests compile without the DOM library). */
interface Attributed {
  getAttribute(name: string): string | null;
}

const LT = 'tank-farm-1-lt1';

/** `YYYY-MM-DDTHH:MM:SS` in China Standard Time, as the replay control's moment input takes it. */
const cstInput = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);
/** `HH:MM:SS` in China Standard Time, as the banner shows it. */
const cstTime = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(11, 19);

describe('replay on the wall', () => {
  let wall: Wall;
  let db: TestSchema;
  let archiver: Archiver;
  let t1: Snapshot;

  beforeAll(async () => {
    db = await testSchema(isolate('replay-wall'));
    wall = await startWall('replay-wall', { server: { DATABASE_URL: db.url } });
    archiver = await startArchiver({
      redisUrl: REDIS_URL,
      redisPrefix: wall.h.iso.prefix,
      databaseUrl: db.url,
      consumer: 'archiver-replay-wall',
      sampleMs: 1_000,
      snapshotMs: 2_000,
      log: quietLog,
      blockMs: 200,
    });
  }, 180_000);
  afterAll(async () => {
    await archiver?.close();
    await wall?.stop();
    await db?.drop();
  });

  it('shows the picture recorded at T1 under a 回放 banner, plays it forward, and returns to live', async () => {
    const { page, h } = wall;
    const alarms = page.locator('[data-testid=alarm-item]');
    const board = page.locator('[data-testid=board-row]');
    // Before T1: an alarm on the tank farm and incident A.
    await h.publish('sensor', [reading(LT, 97, Date.now())]);
    await h.publish(
      'incident',
      incidentMessage('replay-a', { title: '回放测试事件 A', level: 'III' }),
    );
    await expect.poll(() => alarms.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => board.count(), { timeout: 30_000 }).toBe(1);
    // T1 on a whole second, well clear of any event (the moment input takes seconds).
    await page.waitForTimeout(1_500);
    t1 = (await (await api(wall.server, '/api/v1/snapshot', 'viewer')).json()) as Snapshot;
    const at = Math.floor(t1.at / 1000) * 1000;
    const last = Number(t1.eventId.split('-')[0]);
    expect(last).toBeLessThan(at);
    await page.waitForTimeout(2_500);
    // After T1: incident B, and the alarm clears.
    await h.publish(
      'incident',
      incidentMessage('replay-b', { title: '回放测试事件 B', level: 'III' }),
    );
    await h.publish('sensor', [reading(LT, 50, Date.now())]);
    await expect.poll(() => board.count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => alarms.count(), { timeout: 30_000 }).toBe(0);
    await waitFor(
      async () => {
        const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM events');
        return Number(rows[0]?.n) === (await h.redis.xLen(h.keys.events));
      },
      'the archive caught up',
      30_000,
    );

    // Replay at T1.
    await page.click('[data-testid=replay-open]');
    await page.fill('[data-testid=replay-moment]', cstInput(at));
    await page.click('[data-testid=replay-go]');
    const banner = page.locator('[data-testid=replay-banner]');
    await banner.waitFor({ timeout: 30_000 });
    await page
      .locator('[data-testid=replay-banner][data-status=ready]')
      .waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toContain('回放');
    expect(await page.textContent('[data-testid=replay-time]')).toBe(cstTime(at));
    expect(await page.locator('[data-testid=replay-frame]').isVisible()).toBe(true);
    // The live alarm count stays in view: none live now.
    expect(await page.textContent('[data-testid=replay-live-alarms]')).toContain('0');
    // The picture matches the snapshot recorded at T1: its incidents and its active alarms.
    const t1Incidents = t1.incidents.map((i) => i.id).sort();
    const t1Alarms = t1.alarms.filter((a) => a.status === 'active').map((a) => a.id);
    await expect
      .poll(async () =>
        (
          await board.evaluateAll((rows) =>
            rows.map((r) => (r as unknown as Attributed).getAttribute('data-incident-id')),
          )
        ).sort(),
      )
      .toEqual(t1Incidents);
    await expect
      .poll(() =>
        alarms.evaluateAll((items) =>
          items.map((i) => (i as unknown as Attributed).getAttribute('data-alarm-id')),
        ),
      )
      .toEqual(t1Alarms);
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'wall-replay.png') });

    // Playing at 10× advances the clock and the picture: incident B arrives, the alarm clears.
    await page.click('[data-testid=replay-speed-10]');
    await page.click('[data-testid=replay-play]');
    await expect
      .poll(async () => Number(await banner.getAttribute('data-clock')), { timeout: 30_000 })
      .toBeGreaterThan(at + 5_000);
    expect(await page.textContent('[data-testid=replay-time]')).not.toBe(cstTime(at));
    await expect.poll(() => board.count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => alarms.count(), { timeout: 30_000 }).toBe(0);

    // One tap back to live: no banner, no frame, the live picture.
    await page.click('[data-testid=replay-exit]');
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.locator('[data-testid=replay-frame]').count()).toBe(0);
    await expect.poll(() => board.count()).toBe(2);
    expect(wall.errors).toEqual([]);
  }, 240_000);
});
