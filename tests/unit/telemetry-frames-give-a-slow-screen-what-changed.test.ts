import { describe, expect, it } from 'vitest';
import type { Reading } from '@cc/shared';
import { createFrames } from '../../server/src/live/frames';

const reading = (id: string, ts: number): { reading: Reading } => ({
  reading: { id, ts, value: ts, level: 'normal' },
});

describe('telemetry frames', () => {
  it('coalesce each entity to its newest value within a frame', () => {
    const frames = createFrames(5);
    frames.add(reading('s1', 2));
    frames.add(reading('s1', 1));
    frames.add(reading('s2', 5));
    const frame = frames.close();
    expect([...frame.readings.values()].map((r) => [r.id, r.ts])).toEqual([
      ['s1', 2],
      ['s2', 5],
    ]);
    expect(frames.close().readings.size).toBe(0);
  });

  it('give a screen that skipped frames just what changed after the last one it got', () => {
    const frames = createFrames(5);
    frames.add(reading('s1', 1));
    const got = frames.close().no;
    frames.add(reading('s2', 2));
    frames.close();
    frames.add(reading('s2', 3));
    frames.add(reading('s3', 3));
    frames.close();
    const changes = [...frames.since(got).readings].map((r) => [r.id, r.ts]);
    expect(changes).toEqual([
      ['s2', 3],
      ['s3', 3],
    ]);
  });

  it('fall back to the whole latest picture once the frames it missed are no longer kept', () => {
    const frames = createFrames(2);
    frames.add(reading('s1', 1));
    const got = frames.close().no;
    for (let ts = 2; ts <= 5; ts++) {
      frames.add(reading('s2', ts));
      frames.close();
    }
    const changes = [...frames.since(got - 1).readings].map((r) => [r.id, r.ts]);
    expect(changes).toEqual([
      ['s1', 1],
      ['s2', 5],
    ]);
  });
});
