import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../client/src/store/create-app-store';
import { deriveHazardStates } from '../../client/src/store/derived';
import { LayeredMap } from '../../client/src/store/layered-map';
import { hazard, hazardEvent, reading, snapshot } from './client-store-fixtures';

// Fixture sensors report every 10 s: silent past 30 s they are offline.
const T0 = 1_700_000_000_000;

function storeAt(clock: { now: number }) {
  const store = createAppStore(() => clock.now);
  store.getState().applySnapshot(
    snapshot({
      // Taken as it arrives: the server's clock and this one agree.
      at: clock.now,
      readings: [reading('safety:h1/s1', T0, 0.8), reading('safety:h2/s1', T0, 0.9)],
    }),
  );
  return store;
}

describe('hazard states kept by the store', () => {
  it('follow readings into and out of alarm, and keep their identity when nothing changes', () => {
    const clock = { now: T0 + 1_000 };
    const store = storeAt(clock);
    expect([...store.getState().hazardStates]).toEqual([
      ['safety:h1', 'normal'],
      ['safety:h2', 'normal'],
    ]);
    const quiet = store.getState().hazardStates;
    store
      .getState()
      .applyTelemetry({ readings: [reading('safety:h1/s1', T0 + 2_000, 0.85)], positions: [] });
    expect(store.getState().hazardStates).toBe(quiet);

    store.getState().applyTelemetry({
      readings: [reading('safety:h1/s1', T0 + 3_000, 1.6, 'HH')],
      positions: [],
    });
    expect(store.getState().hazardStates.get('safety:h1')).toBe('highhigh');
    expect([...store.getState().flaggedHazards]).toEqual([['safety:h1', 'highhigh']]);

    store
      .getState()
      .applyTelemetry({ readings: [reading('safety:h1/s1', T0 + 4_000, 0.8)], positions: [] });
    expect(store.getState().flaggedHazards.size).toBe(0);
  });

  it('turn a hazard offline on the tick after its readings go stale, and only that one', () => {
    const clock = { now: T0 + 1_000 };
    const store = storeAt(clock);
    clock.now = T0 + 20_000;
    store
      .getState()
      .applyTelemetry({ readings: [reading('safety:h2/s1', T0 + 20_000, 0.9)], positions: [] });
    clock.now = T0 + 30_000;
    store.getState().tick();
    expect(store.getState().flaggedHazards.size).toBe(0);
    clock.now = T0 + 31_500;
    store.getState().tick();
    expect([...store.getState().flaggedHazards]).toEqual([['safety:h1', 'offline']]);
    // The full derivation agrees.
    const s = store.getState();
    expect(new Map(s.hazardStates)).toEqual(deriveHazardStates(s.hazards, s.readings, clock.now));
  });

  it('stay as of the last update while the screen itself is offline, and are judged once it is back', () => {
    const clock = { now: T0 + 1_000 };
    const store = storeAt(clock);
    store.getState().setConnection('live');
    clock.now = T0 + 5_000;
    store.getState().setConnection('offline');
    // Long past the sensors' bound: the silence is this screen's, not theirs.
    clock.now = T0 + 120_000;
    store.getState().tick();
    expect(store.getState().flaggedHazards.size).toBe(0);
    expect(store.getState().hazardStates.get('safety:h1')).toBe('normal');
    // Back, and still nothing from them: now they are silent.
    store.getState().setConnection('live');
    store.getState().tick();
    expect([...store.getState().flaggedHazards]).toEqual([
      ['safety:h1', 'offline'],
      ['safety:h2', 'offline'],
    ]);
  });

  it('take in hazards registered or removed by events', () => {
    const clock = { now: T0 + 1_000 };
    const store = storeAt(clock);
    store.getState().applyEvents({ events: [hazardEvent('1700000000001-0', hazard('safety:h3'))] });
    expect(store.getState().hazardStates.get('safety:h3')).toBe('offline');
    store
      .getState()
      .applyTelemetry({ readings: [reading('safety:h3/s1', T0 + 1_000, 0.5)], positions: [] });
    expect(store.getState().hazardStates.get('safety:h3')).toBe('normal');
    store.getState().applyEvents({
      events: [{ id: '1700000000002-0', kind: 'hazard', op: 'remove', entityId: 'safety:h3' }],
    });
    expect(store.getState().hazardStates.has('safety:h3')).toBe(false);
  });
});

describe('LayeredMap', () => {
  it('behaves like an immutable map through many batches, folding its layer as it grows', () => {
    let map = LayeredMap.from<string, number>(
      Array.from({ length: 1_000 }, (_, i) => [`k${i}`, i]),
    );
    const model = new Map(map);
    const first = map;
    for (let round = 0; round < 50; round++) {
      const draft = map.draft();
      for (let j = 0; j < 37; j++) {
        const k = `k${(round * 37 + j * 11) % 1_200}`;
        if (j % 5 === 0) {
          draft.delete(k);
          model.delete(k);
        } else {
          draft.set(k, round * 100 + j);
          model.set(k, round * 100 + j);
        }
      }
      map = draft.done();
      expect(map.size).toBe(model.size);
    }
    expect(new Map(map)).toEqual(model);
    expect(first.size).toBe(1_000);
    expect(first.get('k5')).toBe(5);
    expect(map.draft().done()).toBe(map);
  });
});

describe('hazard states on a screen whose clock is wrong', () => {
  const HOUR = 3_600_000;
  /** A screen an hour ahead of (or behind) the server, which is at `server.now`. */
  function skewedStore(server: { now: number }, skewMs: number) {
    const store = createAppStore(() => server.now + skewMs);
    store.getState().applySnapshot(
      snapshot({
        at: server.now,
        readings: [reading('safety:h1/s1', T0, 0.8), reading('safety:h2/s1', T0, 0.9)],
      }),
    );
    return store;
  }

  it('judges readings by the server’s clock: fresh ones stay online an hour ahead', () => {
    const server = { now: T0 + 1_000 };
    const store = skewedStore(server, HOUR);
    expect(store.getState().hazardStates.get('safety:h1')).toBe('normal');
    server.now = T0 + 3_000;
    store.getState().heartbeat({ at: server.now, tail: true });
    store.getState().tick();
    expect(store.getState().hazardStates.get('safety:h1')).toBe('normal');
  });

  it('and silent ones go offline an hour behind', () => {
    const server = { now: T0 + 1_000 };
    const store = skewedStore(server, -HOUR);
    server.now = T0 + 40_000;
    store.getState().heartbeat({ at: server.now, tail: true });
    store.getState().tick();
    expect(store.getState().hazardStates.get('safety:h1')).toBe('offline');
  });
});
