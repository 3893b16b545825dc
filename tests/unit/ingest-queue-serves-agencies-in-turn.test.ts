import { describe, expect, it } from 'vitest';
import { createFairQueue } from '../../ingest/src/mqtt/fair-queue';

describe("ingest's queue of received messages", () => {
  it('serves each waiting agency in turn, keeping each agency’s order', () => {
    const q = createFairQueue<string>();
    for (let i = 0; i < 5; i++) q.push('flood', `f${i}`, 10);
    q.push('brigade', 'b0', 10);
    q.push('police', 'p0', 10);
    q.push('brigade', 'b1', 10);
    expect(q.take(4)).toEqual(['f0', 'b0', 'p0', 'f1']);
    expect(q.take(10)).toEqual(['b1', 'f2', 'f3', 'f4']);
    expect(q.size).toBe(0);
    expect(q.bytes).toBe(0);
  });

  it('puts a newcomer into the very next batch, however long another lane is', () => {
    const q = createFairQueue<string>();
    for (let i = 0; i < 10_000; i++) q.push('flood', `f${i}`, 100);
    expect(q.take(3)).toEqual(['f0', 'f1', 'f2']);
    q.push('brigade', 'incident', 100);
    expect(q.take(2)).toContain('incident');
  });

  it('bounds a batch by bytes, yet always takes at least one message', () => {
    const q = createFairQueue<string>();
    q.push('a', 'big', 5_000);
    q.push('a', 'small', 10);
    expect(q.take(100, 1_000)).toEqual(['big']);
    expect(q.take(100, 1_000)).toEqual(['small']);
  });

  it('serves a lane that emptied and came back once per round, not twice', () => {
    const q = createFairQueue<string>();
    q.push('a', 'a0', 1);
    expect(q.take(1)).toEqual(['a0']);
    q.push('b', 'b0', 1);
    q.push('a', 'a1', 1);
    q.push('a', 'a2', 1);
    q.push('b', 'b1', 1);
    expect(q.take(4)).toEqual(['b0', 'a1', 'b1', 'a2']);
  });
});
