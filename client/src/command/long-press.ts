/** Held this long without moving: a long press. */
export const LONG_PRESS_MS = 600;
/** Moving further than this (px) is a pan, not a press. */
const SLOP_PX = 10;

/**
 * Calls `onLongPress` with the page point where one finger (or the mouse) was held still for
 * LONG_PRESS_MS. A second finger (a pinch) or a move past the slop cancels it. Returns the
 * remover of the listeners.
 */
export function listenForLongPress(
  el: HTMLElement,
  onLongPress: (point: { x: number; y: number }) => void,
): () => void {
  const down = new Map<number, { x: number; y: number }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const onDown = (e: PointerEvent) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    down.set(e.pointerId, { x: e.clientX, y: e.clientY });
    cancel();
    if (down.size !== 1) return;
    const at = { x: e.clientX, y: e.clientY };
    timer = setTimeout(() => {
      timer = undefined;
      onLongPress(at);
    }, LONG_PRESS_MS);
  };
  const onMove = (e: PointerEvent) => {
    const start = down.get(e.pointerId);
    if (start && Math.hypot(e.clientX - start.x, e.clientY - start.y) > SLOP_PX) cancel();
  };
  const onUp = (e: PointerEvent) => {
    down.delete(e.pointerId);
    cancel();
  };
  // Touch browsers open a context menu on a long press; the press is ours.
  const onContextMenu = (e: Event) => e.preventDefault();
  el.addEventListener('pointerdown', onDown, true);
  el.addEventListener('pointermove', onMove, true);
  el.addEventListener('pointerup', onUp, true);
  el.addEventListener('pointercancel', onUp, true);
  el.addEventListener('contextmenu', onContextMenu);
  return () => {
    cancel();
    el.removeEventListener('pointerdown', onDown, true);
    el.removeEventListener('pointermove', onMove, true);
    el.removeEventListener('pointerup', onUp, true);
    el.removeEventListener('pointercancel', onUp, true);
    el.removeEventListener('contextmenu', onContextMenu);
  };
}
