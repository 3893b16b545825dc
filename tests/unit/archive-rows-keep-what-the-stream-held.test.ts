import { describe, expect, it } from 'vitest';
import type { TelemetryEntry } from '@cc/shared';
import { createSampler, eventRow, jsonbText } from '../../archiver/src/rows';

const reading = (ts: number, level = 'normal', alarmId?: string): TelemetryEntry => ({
  reading: {
    id: 's1',
    ts,
    value: level === 'normal' ? 50 : 97,
    level: level as 'normal',
    ...(alarmId ? { alarmId } : {}),
  },
});

describe('an archived event row', () => {
  it('lifts kind, op, entity and observation time out of the event, keyed by its stream id', () => {
    const { row, unreadable } = eventRow({
      id: '1700000000123-4',
      message: { e: JSON.stringify({ kind: 'alarm', op: 'upsert', data: { id: 'a:1', ts: 5 } }) },
    });
    expect(unreadable).toBe(false);
    expect(row).toMatchObject({ ms: 1_700_000_000_123, seq: 4, kind: 'alarm', op: 'upsert' });
    expect(row).toMatchObject({ entityId: 'a:1', observedAt: 5 });
    const removal = eventRow({
      id: '1-0',
      message: { e: JSON.stringify({ kind: 'warning', op: 'remove', entityId: 'w:1' }) },
    });
    expect(removal.row).toMatchObject({ entityId: 'w:1', observedAt: null });
  });

  it('keeps an entry that is not an event object as unreadable text', () => {
    for (const e of ['not json', '[1,2]', 'null']) {
      const { row, unreadable } = eventRow({ id: '1-0', message: { e } });
      expect(unreadable).toBe(true);
      expect(row.kind).toBeNull();
      expect(JSON.parse(row.body)).toEqual({ unreadable: e });
    }
  });

  it('replaces NUL characters, which jsonb cannot hold, and nothing else', () => {
    expect(JSON.parse(jsonbText({ a: 'x\u0000y', b: 'a\\u0000' }))).toEqual({
      a: 'x\uFFFDy',
      b: 'a\\u0000',
    });
    expect(jsonbText({ a: 'plain' })).toBe('{"a":"plain"}');
  });
});

describe('the telemetry sampler', () => {
  it('keeps the first value of each period per entity, and every alarm-relevant reading', () => {
    const sampler = createSampler(10_000);
    const entries = [0, 3_000, 9_999, 10_000, 15_000].map((ts) => reading(ts));
    entries.push(reading(16_000, 'H', 'al'), reading(17_000), reading(18_000));
    const { rows } = sampler.decide(entries);
    expect(rows.map((r) => [r.at, r.sampled, r.alarm])).toEqual([
      [0, true, false],
      [10_000, true, false],
      [16_000, false, true],
      // Back to normal: the level changed.
      [17_000, false, true],
    ]);
  });

  it('decides a batch again the same way until it is committed', () => {
    const sampler = createSampler(10_000);
    const batch = [reading(0), reading(20_000, 'HH', 'a')];
    const first = sampler.decide(batch);
    const again = sampler.decide(batch);
    expect(again.rows).toEqual(first.rows);
    again.commit();
    // The last level seen was HH: the next normal reading is the one back to normal, kept for
    // that though its period (0) is sampled already.
    const back = sampler.decide([reading(1_000)]);
    expect(back.rows.map((r) => [r.at, r.sampled, r.alarm])).toEqual([[1_000, false, true]]);
    back.commit();
    expect(sampler.decide([reading(2_000)]).rows).toEqual([]);
  });
});
