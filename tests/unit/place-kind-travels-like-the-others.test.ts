import { describe, expect, it } from 'vitest';
import { EVENT_KINDS, FEED_KINDS, PlaceMessage, type Place, type StampedEvent } from '@cc/shared';
import { createAcl } from '@cc/shared/node';
import { toPlace } from '../../ingest/src/feeds/place';
import {
  filterEvents,
  filterSnapshot,
  parseSubscription,
} from '../../server/src/live/subscription';
import { applyEvents, applySnapshot, initialLiveData } from '../../client/src/store/live-reducers';
import { PLACE_EXAMPLE } from '../helpers/kind-fixtures';
import { snapshot } from './client-store-fixtures';

const place = (id: string, people = 100): Place => ({
  id,
  agency: 'cz-emergency',
  ts: 1_000,
  type: 'kindergarten',
  name: `幼儿园 ${id}`,
  people,
  location: [119.95, 31.78],
});

describe('the place kind', () => {
  it('is a feed kind agencies may publish and an event kind screens may ask for', () => {
    expect(FEED_KINDS).toContain('place');
    expect(EVENT_KINDS).toContain('place');
    expect(
      createAcl('cc/v1').mayPublish(
        { id: 'cz-emergency', role: 'agency' },
        'cc/v1/cz-emergency/place',
      ),
    ).toBe(true);
  });

  it('stores the documented message under the agency with the sent fields', () => {
    const msg = PlaceMessage.parse(PLACE_EXAMPLE);
    const stored = toPlace('edu', msg, Date.parse(msg.ts), []);
    expect(stored).toMatchObject({
      id: 'edu:SCH-320411-015',
      agency: 'edu',
      type: 'school',
      people: 1860,
      capacity: 2000,
      location: [119.9805, 32.0021],
    });
    expect(stored).not.toHaveProperty('crs');
  });

  it('is left out of a snapshot and a batch for screens that did not ask for it', () => {
    const snap = snapshot({ places: [place('cz-emergency:k1')] });
    expect(filterSnapshot(parseSubscription({ layers: ['place'] }), snap).places).toHaveLength(1);
    const incidentsOnly = filterSnapshot(parseSubscription({ layers: ['incident'] }), snap);
    expect(incidentsOnly.places).toEqual([]);
    const events: StampedEvent[] = [
      { id: '1-0', kind: 'place', op: 'upsert', data: place('cz-emergency:k1') },
      { id: '2-0', kind: 'incident', op: 'remove', entityId: 'x' },
    ];
    expect(filterEvents(parseSubscription({ layers: ['incident'] }), events)).toHaveLength(1);
  });

  it('lands in the client store from the snapshot and from events', () => {
    const base = applySnapshot(initialLiveData(), snapshot({ places: [place('p1')] }), 5);
    expect([...base.places.keys()]).toEqual(['p1']);
    const state = applyEvents(
      base,
      {
        events: [
          { id: '1700000000001-0', kind: 'place', op: 'upsert', data: place('p1', 250) },
          { id: '1700000000002-0', kind: 'place', op: 'upsert', data: place('p2') },
        ],
      },
      6,
    );
    expect(state.places.get('p1')?.people).toBe(250);
    expect(state.places.size).toBe(2);
    expect(state.hazards).toBe(base.hazards);
  });
});
