import type { Position, Reading, TelemetryEntry } from '@cc/shared';

/** One telemetry frame: the newest reading per sensor and position per unit that arrived in it. */
export interface Frame {
  no: number;
  readings: Map<string, Reading>;
  positions: Map<string, Position>;
}

function keepNewest<T extends { id: string; ts: number }>(latest: Map<string, T>, item: T) {
  const prev = latest.get(item.id);
  if (!prev || prev.ts <= item.ts) latest.set(item.id, item);
}

/**
 * Telemetry coalesced per entity per frame (latest wins), with the last `keep` frames kept: a
 * screen that skipped frames while it was slow gets, once writable, just what changed since
 * the last frame it got, not the whole picture; past `keep` frames, the whole latest picture.
 * Pure bookkeeping: the hub decides who gets what.
 */
export function createFrames(keep: number) {
  let current: Frame = { no: 1, readings: new Map(), positions: new Map() };
  const recent: Frame[] = [];
  const latestReadings = new Map<string, Reading>();
  const latestPositions = new Map<string, Position>();
  return {
    /** The number of the frame being filled. */
    get open(): number {
      return current.no;
    },
    add(entry: TelemetryEntry) {
      if ('reading' in entry) {
        keepNewest(current.readings, entry.reading);
        keepNewest(latestReadings, entry.reading);
      } else {
        keepNewest(current.positions, entry.position);
        keepNewest(latestPositions, entry.position);
      }
    },
    /** Ends the frame being filled and returns it; the next one starts empty. */
    close(): Frame {
      const frame = current;
      recent.push(frame);
      if (recent.length > keep) recent.shift();
      current = { no: frame.no + 1, readings: new Map(), positions: new Map() };
      return frame;
    },
    /** What changed after frame `last`, up to the last closed frame, coalesced. */
    since(last: number): { readings: Iterable<Reading>; positions: Iterable<Position> } {
      const first = recent[0];
      if (!first || first.no > last + 1) {
        return { readings: latestReadings.values(), positions: latestPositions.values() };
      }
      const readings = new Map<string, Reading>();
      const positions = new Map<string, Position>();
      for (const frame of recent) {
        if (frame.no <= last) continue;
        for (const r of frame.readings.values()) keepNewest(readings, r);
        for (const p of frame.positions.values()) keepNewest(positions, p);
      }
      return { readings: readings.values(), positions: positions.values() };
    },
  };
}
export type Frames = ReturnType<typeof createFrames>;
