import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../client/src/store/create-app-store';
import { snapshot } from './client-store-fixtures';

describe('client store: connection and view', () => {
  it('starts connecting and records when the state changes', () => {
    let t = 100;
    const store = createAppStore(() => t);
    expect(store.getState().connection).toEqual({ state: 'connecting', since: 100 });
    t = 200;
    store.getState().setConnection('live');
    expect(store.getState().connection).toEqual({ state: 'live', since: 200 });
    t = 300;
    store.getState().setConnection('live');
    expect(store.getState().connection.since).toBe(200);
  });

  it('stamps every message with the client clock', () => {
    let t = 1;
    const store = createAppStore(() => t);
    t = 50;
    store.getState().applySnapshot(snapshot());
    expect(store.getState().lastMessageAt).toBe(50);
    t = 60;
    store.getState().applyTelemetry({ readings: [], positions: [] });
    expect(store.getState().lastMessageAt).toBe(60);
  });

  it('focusing a hazard selects it and issues a new fly-to request each time', () => {
    const store = createAppStore();
    store.getState().focusHazard('h1');
    const first = store.getState().focus;
    store.getState().focusHazard('h1');
    expect(store.getState().selectedHazardId).toBe('h1');
    expect(store.getState().focus?.hazardId).toBe('h1');
    expect(store.getState().focus).not.toBe(first);
    store.getState().selectHazard(null);
    expect(store.getState().selectedHazardId).toBeNull();
  });
});
