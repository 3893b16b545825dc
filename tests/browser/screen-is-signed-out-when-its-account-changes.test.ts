import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parse, stringify } from 'yaml';
import type { RunningServer } from '../../server/src/server';
import { launchChromium, screenshot } from '../helpers/browser';
import { isolate } from '../helpers/isolation';
import { TEST_USERS_FILE, startTestServer } from '../helpers/product';

const LIVE = '[data-testid=connection][data-state=live]';

describe('a signed-in screen whose account changes', () => {
  const iso = isolate('browser-revoked');
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-users-'));
  const usersFile = path.join(dir, 'users.yaml');
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    copyFileSync(TEST_USERS_FILE, usersFile);
    server = await startTestServer(iso, {
      CLIENT_DIST: path.resolve('client/dist'),
      USERS_FILE: usersFile,
      SIGNIN_FREE_ATTEMPTS: '2',
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the sign-in form saying why, and how long to wait after too many wrong passwords', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    const form = page.locator('[data-testid=sign-in]');
    await form.waitFor();
    await form.locator('input[name=username]').fill('commander-1');
    await form.locator('input[name=password]').fill('pw-commander-1');
    await form.locator('button[type=submit]').click();
    await page.locator(LIVE).waitFor({ timeout: 60_000 });

    // An administrator removes the account: the screen is signed out at once and told why.
    const users = parse(readFileSync(usersFile, 'utf8')) as { users: { id: string }[] };
    users.users = users.users.filter((u) => u.id !== 'commander-1');
    writeFileSync(`${usersFile}.tmp`, stringify(users));
    renameSync(`${usersFile}.tmp`, usersFile);
    await form.waitFor({ timeout: 30_000 });
    expect(await form.locator('.sign-in__hint').textContent()).toContain('已被管理员修改或删除');
    await expect.poll(() => page.locator(LIVE).count()).toBe(0);

    // Guessing on: past the free attempts the form says how long to wait.
    const error = page.locator('[data-testid=sign-in-error]');
    for (let i = 0; i < 3; i++) {
      await form.locator('input[name=username]').fill('commander-1');
      await form.locator('input[name=password]').fill(`guess-${i}`);
      await form.locator('button[type=submit]').click();
      await error.waitFor();
    }
    await form.locator('input[name=password]').fill('guess-again');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => error.textContent()).toMatch(/登录失败次数过多，请等待 \d+ 秒后重试/);
    await screenshot(page, 'sign-in-throttled');
    await context.close();
  });
});
