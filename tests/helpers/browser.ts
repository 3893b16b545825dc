import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { PNG } from 'pngjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Screenshots from browser tests, for a person to look at (not committed). */
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

export async function screenshot(page: Page, name: string): Promise<PNG> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const buffer = await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
  return PNG.sync.read(buffer);
}

/** The colour a person sees at a page pixel. */
export function pixel(png: PNG, x: number, y: number): [number, number, number] {
  const i = (png.width * Math.round(y) + Math.round(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

/** The part of the client's test hooks (`window.__cc`) these tests use, typed without the DOM. */
export interface PageHooks {
  __cc: {
    map: {
      project(lngLat: [number, number]): { x: number; y: number };
      getCanvas(): { getBoundingClientRect(): { left: number; top: number } };
      jumpTo(options: { center: [number, number]; zoom: number }): void;
      once(event: 'idle', listener: () => void): void;
    };
  };
}

/** Centres the map on a position and resolves once everything is drawn. */
export async function centreMap(page: Page, lngLat: [number, number], zoom: number) {
  await page.evaluate(
    ([lng, lat, z]) =>
      new Promise<void>((resolve) => {
        const { map } = (globalThis as unknown as PageHooks).__cc;
        map.once('idle', resolve);
        map.jumpTo({ center: [lng, lat], zoom: z });
      }),
    [lngLat[0], lngLat[1], zoom] as const,
  );
}

/** Where a WGS-84 position is drawn on the page. */
export async function projectOnPage(page: Page, lngLat: [number, number]) {
  return page.evaluate(([lng, lat]) => {
    const { map } = (globalThis as unknown as PageHooks).__cc;
    const p = map.project([lng, lat]);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: rect.left + p.x, y: rect.top + p.y };
  }, lngLat);
}
