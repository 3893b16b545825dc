/** One point of a sensor's history. */
export interface HistoryPoint {
  ts: number;
  value: number;
}

/**
 * A sensor's history list (`Keys.series`: `[ts,value]` JSON texts in the order they were stored)
 * as points in time order. A point stored twice (the same text) counts once; the list holds
 * late readings after newer ones, and may hold a point again after a sensor was registered anew.
 */
export function historyPoints(members: readonly string[]): HistoryPoint[] {
  const unique = new Set(members);
  const points: HistoryPoint[] = [];
  for (const member of unique) {
    const [ts, value] = JSON.parse(member) as [number, number];
    points.push({ ts, value });
  }
  return points.sort((a, b) => a.ts - b.ts || a.value - b.value);
}
