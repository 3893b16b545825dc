import { useEffect, useLayoutEffect, useState } from 'react';
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
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || shown <= 0) return;
    if (el.scrollHeight > el.clientHeight + 1)
      setFit((f) => ({ ...f, shown: Math.min(f.shown, total) - 1 }));
  });
  useEffect(() => {
    // The window, not the box: a box sized by its content changes size as items go.
    const onResize = () => setResized((r) => r + 1);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return Math.max(0, Math.min(shown, total));
}
