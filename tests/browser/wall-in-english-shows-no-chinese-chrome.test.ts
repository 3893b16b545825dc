import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWall, type DemoWall } from '../helpers/wall-page';

/**
 * Every piece of data the wall may print (names, titles, addresses, headlines, the roster's names),
 * read from the page's store: what is left of the page's text without them is the wall's chrome.
 */
const PAGE_TEXT_WITHOUT_DATA = `(() => {
  const s = window.__cc.store.getState();
  const data = new Set();
  const add = (v) => { if (typeof v === 'string' && v.trim()) data.add(v.trim()); };
  for (const h of s.hazards.values()) { add(h.name); add(h.enterprise); for (const c of h.chemicals ?? []) add(c.name); }
  for (const i of s.incidents.values()) { add(i.title); add(i.address); add(i.description); }
  for (const r of s.resources.values()) { add(r.name); add(r.base); }
  for (const w of s.warnings.values()) { add(w.headline); add(w.event); add(w.areaDesc); add(w.senderName); }
  for (const a of s.riskareas.values()) add(a.name);
  for (const p of s.places.values()) add(p.name);
  for (const st of s.stations.values()) add(st.name);
  for (const c of s.cameras.values()) add(c.name);
  for (const f of s.wall?.feeds ?? []) add(f.name);
  for (const r of s.wall?.config.roster ?? []) { add(r.name); add(r.phone); }
  for (const d of s.disasterreports.values()) add(d.area?.name);
  for (const el of document.querySelectorAll('[data-names]')) for (const n of el.getAttribute('data-names').split('|')) add(n);
  let text = document.body.innerText;
  for (const d of [...data].sort((a, b) => b.length - a.length)) text = text.split(d).join(' ');
  return text;
})()`;

describe('the wall in English', () => {
  let wall: DemoWall;

  beforeAll(async () => {
    wall = await startDemoWall(
      'wall-english',
      { everydayEveryMs: 4_000, seriousEveryMs: 60_000, firstSeriousAfterMs: 2_000 },
      '&lang=en',
    );
  }, 180_000);
  afterAll(async () => {
    await wall?.stop();
  });

  it('leaves no Chinese in the chrome with ?lang=en (the page text less the data it shows)', async () => {
    const { page } = wall;
    // Wait for a full picture: incidents, alarms or warnings in the feed, every panel filled.
    await expect
      .poll(async () => Number(await page.getAttribute('[data-testid=event-feed]', 'data-count')), {
        timeout: 60_000,
      })
      .toBeGreaterThan(3);
    const text = (await page.evaluate(PAGE_TEXT_WITHOUT_DATA)) as string;
    const han = [...text.matchAll(/[\p{Script=Han}]+/gu)].map((m) =>
      text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20).replace(/\s+/g, ' '),
    );
    expect(han).toEqual([]);
    // Alarms name their source by kind and name (a weather station is a Station), never an id.
    const subjects = await page
      .locator('[data-testid=alarm-item] .alarm__hazard')
      .allTextContents();
    for (const subject of subjects) expect(subject).not.toMatch(/Unknown|[a-z0-9-]+:[A-Za-z0-9-]+/);
    expect(wall.errors).toEqual([]);
  }, 180_000);
});
