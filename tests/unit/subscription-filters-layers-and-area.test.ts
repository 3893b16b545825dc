import { describe, expect, it } from 'vitest';
import type { Position, Reading, StampedEvent } from '@cc/shared';
import {
  filterEvents,
  filterTelemetry,
  isEverything,
  parseSubscription,
  subscriptionKey,
} from '../../server/src/live/subscription';

describe('subscriptions', () => {
  it('read layers and a box from the handshake, ignoring what they cannot read', () => {
    expect(isEverything(parseSubscription({}))).toBe(true);
    expect(isEverything(parseSubscription({ layers: ['nonsense'], bbox: [1, 2] }))).toBe(true);
    const sub = parseSubscription({ layers: ['hazard', 'x'], bbox: [119, 31, 120, 32] });
    expect([...(sub.kinds ?? [])]).toEqual(['hazard']);
    expect(sub.bbox).toEqual([119, 31, 120, 32]);
    expect(parseSubscription({ bbox: [120, 31, 119, 32] }).bbox).toBeUndefined();
  });

  it('keep the order of the events they let through', () => {
    const events = ['hazard', 'incident', 'alarm', 'hazard'].map(
      (kind, i) => ({ id: `${i + 1}-0`, kind, op: 'remove', entityId: 'x' }) as StampedEvent,
    );
    const kept = filterEvents(parseSubscription({ layers: ['hazard', 'alarm'] }), events);
    expect(kept.map((e) => e.id)).toEqual(['1-0', '3-0', '4-0']);
  });

  it('place readings where their hazard is and positions where they are', () => {
    const sub = parseSubscription({ bbox: [119, 31, 120, 32] });
    const readings: Reading[] = [
      { id: 'a', ts: 1, value: 1, level: 'normal' },
      { id: 'b', ts: 1, value: 1, level: 'normal' },
      { id: 'unknown', ts: 1, value: 1, level: 'normal' },
    ];
    const positions: Position[] = [
      { id: 'p', ts: 1, location: [119.5, 31.5] },
      { id: 'q', ts: 1, location: [121, 31.5] },
    ];
    const at: Record<string, [number, number]> = { a: [119.5, 31.5], b: [125, 40] };
    const frame = filterTelemetry(sub, readings, positions, (id) => at[id]);
    expect(frame.readings.map((r) => r.id)).toEqual(['a']);
    expect(frame.positions.map((p) => p.id)).toEqual(['p']);
  });

  it('name the same subscription the same, whatever the order of its layers', () => {
    const key = (auth: { layers?: unknown; bbox?: unknown }) =>
      subscriptionKey(parseSubscription(auth));
    const box = [119, 31, 121, 33];
    expect(key({ layers: ['alarm', 'hazard'], bbox: box })).toBe(
      key({ layers: ['hazard', 'alarm'], bbox: box }),
    );
    expect(key({ layers: ['alarm'], bbox: box })).not.toBe(key({ layers: ['alarm'] }));
    expect(key({ layers: ['alarm'] })).not.toBe(key({ layers: ['hazard'] }));
    expect(key({})).toBe(key({ layers: 'nonsense' }));
  });
});
