import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

/**
 * How many of a list's `total` items fit in `box` (a panel with a fixed height, `overflow:
 * hidden`): the list is drawn whole, then one item fewer until the box's content is no taller
 * than the box (or its max-height), before the screen is painted. The list says how many more there are ("+N");
 * that line is part of what must fit. Starts again from the whole list when `items` changes
 * (a new array) or the window changes size.
 */
export function useFit(box: RefObject<HTMLElement | null>, items: unknown, total: number): number {
  const [resized, setResized] = useState(0);
  const [fit, setFit] = useState({ items, resized, shown: total });
  let shown = fit.shown;
  if (fit.items !== items || fit.resized !== resized) {
    // Adjusting state while rendering: React renders again at once, before any effect.
    shown = total;
    setFit({ items, resized, shown: total });
  }
  /** The box's height when the list last settled: a box that grows later fits again. */
  const settled = useRef(-1);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (shown > 0 && el.scrollHeight > el.clientHeight + 1)
      setFit((f) => ({ ...f, shown: Math.min(f.shown, total) - 1 }));
    else settled.current = el.clientHeight;
  });
  useEffect(() => {
    // The window, not the box: a box sized by its content changes size as items go.
    const onResize = () => setResized((r) => r + 1);
    window.addEventListener('resize', onResize);
    // A box's height also changes when the panels beside it do (fonts arrive, a neighbour's
    // list grows or shrinks): a list fitted while its box was small would never show more.
    // Fit again from the whole list when the box is not the height it settled at.
    const timer = setInterval(() => {
      const el = box.current;
      if (el && settled.current >= 0 && el.clientHeight !== settled.current) onResize();
    }, 1_000);
    return () => {
      window.removeEventListener('resize', onResize);
      clearInterval(timer);
    };
  }, [box]);
  return Math.max(0, Math.min(shown, total));
}
