import { useCallback, useEffect, useRef, useState } from 'react';

/** After the finger lifts, the list stays as it was this long (a second tap may follow). */
export const RELEASE_MS = 1_000;

/**
 * A list that does not move under the finger: while a pointer is down on its container (and
 * RELEASE_MS after), the value shown stays the one of the touch's start; then it catches up.
 * Spread `handlers` on the container.
 */
export function useHeldWhileTouched<T>(value: T): {
  shown: T;
  held: boolean;
  handlers: {
    onPointerDown: () => void;
    onPointerUp: () => void;
    onPointerCancel: () => void;
  };
} {
  const [held, setHeld] = useState<{ value: T } | null>(null);
  const latest = useRef(value);
  latest.current = value;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const onPointerDown = useCallback(() => {
    clearTimeout(timer.current);
    setHeld((h) => h ?? { value: latest.current });
  }, []);
  const onPointerUp = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setHeld(null), RELEASE_MS);
  }, []);
  return {
    shown: held ? held.value : value,
    held: held !== null,
    handlers: { onPointerDown, onPointerUp, onPointerCancel: onPointerUp },
  };
}

/**
 * A list kept in the order it was shown (`held`, ids) while someone is working on it: items still
 * there keep their places, new ones come after them; without `held`, the fresh order. Pure.
 */
export function keepOrder<T extends { id: string }>(
  held: readonly string[] | null,
  fresh: readonly T[],
): readonly T[] {
  if (held === null) return fresh;
  const byId = new Map(fresh.map((x) => [x.id, x]));
  const kept = held.flatMap((id) => {
    const x = byId.get(id);
    return x === undefined ? [] : [x];
  });
  const heldIds = new Set(held);
  return [...kept, ...fresh.filter((x) => !heldIds.has(x.id))];
}
