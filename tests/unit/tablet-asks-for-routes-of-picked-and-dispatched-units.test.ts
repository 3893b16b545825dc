import { describe, expect, it } from 'vitest';
import { routeUnitIds } from '../../client/src/command/units';
import { order, recall, resource } from './command-fixtures';

const I = 'fire:i1';

describe('the routes the tablet asks decision support for', () => {
  const resources = new Map([
    ['fire:u1', resource('fire:u1', { status: 'en_route' })],
    ['fire:u2', resource('fire:u2', { status: 'on_scene' })],
    ['fire:u3', resource('fire:u3', { status: 'dispatched' })],
    ['fire:u4', resource('fire:u4', { status: 'available' })],
    ['fire:u5', resource('fire:u5', { status: 'dispatched' })],
  ]);
  const orders = [
    order('fire:o1', { resourceId: 'fire:u1' }),
    // On scene: its way is behind it.
    order('fire:o2', { resourceId: 'fire:u2' }),
    // Dispatched, then recalled.
    order('fire:o3', { resourceId: 'fire:u3', sentAt: 10_000 }),
    recall('fire:o4', { resourceId: 'fire:u3', sentAt: 11_000 }),
    // On its way to another incident.
    order('fire:o5', { resourceId: 'fire:u5', incidentId: 'fire:i2' }),
  ];

  it('are the picked suggestions and the units dispatched to the incident still on their way', () => {
    expect(routeUnitIds(I, new Set(['fire:u4']), orders, resources, 20)).toEqual([
      'fire:u1',
      'fire:u4',
    ]);
  });

  it('are bounded, and sorted so the request stays the same while they do', () => {
    const picked = new Set(['fire:z', 'fire:a', 'fire:m']);
    expect(routeUnitIds(I, picked, [], resources, 2)).toEqual(['fire:a', 'fire:m']);
  });
});
