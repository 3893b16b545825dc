import { describe, expect, it } from 'vitest';
import { createWindowWatch, REFILL_MS, SAMPLES } from '../../ingest/src/mqtt/inflight-window';

const BATCH = 1_000;

/** A clock the trace moves by hand. */
function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('the in-flight window watch (MQTT 3.1.1)', () => {
  it('finds a window of 20 that a backlog keeps full: pinned batches, refilled at once', () => {
    const c = clock();
    const watch = createWindowWatch(c.now);
    let found: number | undefined;
    for (let round = 0; round < SAMPLES + 5 && found === undefined; round++) {
      // The broker hands over 20, ingest takes them as a batch, stores, acknowledges all 20…
      for (let held = 1; held <= 20; held++) watch.arrived(held);
      found = watch.taken(20, BATCH);
      c.advance(5);
      watch.acked(20);
      // …and the next one comes right behind the PUBACKs.
      c.advance(1);
    }
    expect(found).toBe(20);
  });

  it('says nothing of bursts of exactly 20 on a timer (silence after the PUBACKs)', () => {
    const c = clock();
    const watch = createWindowWatch(c.now);
    for (let round = 0; round < 3 * SAMPLES; round++) {
      for (let held = 1; held <= 20; held++) watch.arrived(held);
      expect(watch.taken(20, BATCH)).toBeUndefined();
      c.advance(5);
      watch.acked(20);
      c.advance(1_000);
    }
  });

  it('says nothing of a free stream that only touches its maximum now and then', () => {
    const c = clock();
    const watch = createWindowWatch(c.now);
    for (let round = 0; round < 5 * SAMPLES; round++) {
      const held = 3 + (round % 7) + (round % 13 === 0 ? 9 : 0);
      for (let h = 1; h <= held; h++) watch.arrived(h);
      expect(watch.taken(held, BATCH)).toBeUndefined();
      watch.acked(held);
      c.advance(REFILL_MS / 4);
    }
  });

  it('says nothing of a window at least as large as a batch', () => {
    const c = clock();
    const watch = createWindowWatch(c.now);
    for (let round = 0; round < 3 * SAMPLES; round++) {
      for (let held = 1; held <= BATCH; held++) watch.arrived(held);
      expect(watch.taken(BATCH, BATCH)).toBeUndefined();
      watch.acked(BATCH);
      c.advance(1);
    }
  });

  it('forgets a window once more than it is held (the broker let more in)', () => {
    const c = clock();
    const watch = createWindowWatch(c.now);
    let found: number | undefined;
    for (let round = 0; round < SAMPLES + 1; round++) {
      for (let held = 1; held <= 20; held++) watch.arrived(held);
      found ??= watch.taken(20, BATCH);
      watch.acked(20);
      c.advance(1);
    }
    expect(found).toBe(20);
    watch.arrived(21);
    for (let round = 0; round < SAMPLES - 1; round++) {
      expect(watch.taken(21, BATCH)).toBeUndefined();
      watch.acked(21);
      c.advance(1);
      watch.arrived(21);
    }
  });
});
