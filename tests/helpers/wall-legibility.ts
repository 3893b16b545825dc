import type { Page } from 'playwright-core';

/**
 * Page-side checks of the wall's legibility and fit, as source text (the root tsconfig has no DOM
 * types). Each returns plain data the test compares.
 */

/**
 * The legibility rule computed here from the wall's settings, independently of the client's code:
 * a character of height h seen from d subtends θ when h = 2·d·tan(θ/2); the picture is
 * `heightM` metres for `innerHeight` CSS pixels.
 */
export async function ruleMinPx(page: Page): Promise<{ minPx: number; viewing: unknown }> {
  return (await page.evaluate(`(() => {
    const v = window.__cc.store.getState().wall.config.viewing;
    const mm = 2 * v.distanceM * 1000 * Math.tan((v.minAngleDeg * Math.PI) / 180 / 2);
    return { minPx: mm * innerHeight / (v.heightM * 1000), viewing: v };
  })()`)) as { minPx: number; viewing: unknown };
}

export interface TextSize {
  text: string;
  px: number;
  where: string;
}

/**
 * Every visible text of the wall's chrome (header, side panels, feed strip, banners over the map,
 * the map's own controls): the size it is drawn at (computed font size × the zoom it is drawn
 * with). Text is "visible" when its element has a box inside the window and is not hidden.
 */
export async function renderedTextSizes(page: Page): Promise<TextSize[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    const walker = document.createTreeWalker(document.querySelector('[data-testid=wall]'), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      if (!text) continue;
      const el = n.parentElement;
      if (!el || el.closest('canvas')) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width < 1 || r.height < 1 || r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
      const zoom = el.currentCSSZoom ?? 1;
      out.push({ text: text.slice(0, 30), px: parseFloat(cs.fontSize) * zoom, where: el.className || el.tagName });
    }
    return out;
  })()`)) as TextSize[];
}

/** The sizes the map draws its labels' and clusters' text at (its text layers' own sizes). */
export async function mapTextSizes(
  page: Page,
): Promise<{ labels: TextSize[]; clusterPx: number | null }> {
  return (await page.evaluate(`(() => {
    const d = window.__cc.drawn();
    return {
      labels: d.labels.map((l) => ({ text: l.text, px: l.textPx, where: 'map label' })),
      clusterPx: d.clusterCountPx,
    };
  })()`)) as { labels: TextSize[]; clusterPx: number | null };
}

/**
 * What does not fit: every panel (and every box inside one that clips) whose content is taller
 * than its box, and every title or label cut short in width (data names may end in an ellipsis;
 * titles, headings and labels may not).
 */
export async function clipped(page: Page): Promise<{ tall: string[]; cut: string[] }> {
  return (await page.evaluate(`(() => {
    const name = (el) => (el.getAttribute('data-testid') || el.className || el.tagName) + ': ' + (el.textContent || '').trim().slice(0, 40);
    const roots = [...document.querySelectorAll('.wall-header, .wall__left, .wall__right, .wall > .event-feed, .feed-strip')];
    const tall = [];
    for (const root of roots) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        const cs = getComputedStyle(el);
        if (cs.display === 'none' || el.getClientRects().length === 0) continue;
        const clips = cs.overflowY !== 'visible' || el.classList.contains('panel');
        if (clips && el.scrollHeight > el.clientHeight + 1) tall.push(name(el) + ' (' + el.scrollHeight + ' > ' + el.clientHeight + ')');
      }
    }
    const cut = [];
    const labels = document.querySelectorAll(
      '.panel__title, .panel__sub, .situation__heading, .figure__label, .plan__table th, .risk-map th, .wall-roster__duty, .wall-roster__label, .feed-strip__summary, .alarm__stage, .attention-line__detail, .board-unit__state, .warning-item__signal, .wall-header__title',
    );
    for (const el of labels) {
      const cs = getComputedStyle(el);
      // Not drawn at all (itself or a box around it taken out of the page).
      if (cs.display === 'none' || el.getClientRects().length === 0) continue;
      if (cs.display !== 'inline' && el.scrollWidth > el.clientWidth + 1) {
        cut.push(name(el) + ' (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
        continue;
      }
      // Its box must lie inside every box around it that clips.
      const r = el.getBoundingClientRect();
      for (let a = el.parentElement; a; a = a.parentElement) {
        const acs = getComputedStyle(a);
        if (acs.overflowX === 'visible' && acs.overflowY === 'visible') continue;
        const b = a.getBoundingClientRect();
        if (r.right > b.right + 1 || r.bottom > b.bottom + 1 || r.left < b.left - 1 || r.top < b.top - 1) {
          cut.push(name(el) + ' (outside ' + (a.className || a.tagName) + ')');
          break;
        }
      }
    }
    return { tall, cut };
  })()`)) as { tall: string[]; cut: string[] };
}
