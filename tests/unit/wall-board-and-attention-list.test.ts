import { describe, expect, it } from 'vitest';
import type { Incident, Order, Resource, WallFeed } from '@cc/shared';
import { attentionItems, boardRows, unitsOf } from '../../client/src/wall/board';
import { alarm } from './client-store-fixtures';

const incident = (id: string, level: Incident['level'], ts = 1_000): Incident => ({
  id,
  agency: 'fire',
  ts,
  type: 'fire',
  category: 'accident_disaster',
  level,
  status: 'responding',
  title: id,
  casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
  location: [119.95, 31.78],
});

const order = (id: string, resourceId: string, o: Partial<Order> = {}): Order => ({
  id,
  agency: 'fire',
  kind: 'dispatch',
  incidentId: 'i1',
  resourceId,
  status: 'sent',
  by: 'cmd',
  sentAt: 2_000,
  updatedAt: 2_000,
  ts: 2_000,
  ...o,
});

const resource = (id: string, status: Resource['status'], ts: number): Resource =>
  ({
    id,
    agency: 'fire',
    ts,
    type: 'fire_engine',
    name: id,
    status,
    location: [119.9, 31.8],
  }) as Resource;

describe('the incident ↔ unit board', () => {
  it('lists the units dispatched and not recalled, unanswered as ordered, else in their reported state since then', () => {
    const resources = new Map([
      ['u1', resource('u1', 'on_scene', 5_000)],
      ['u2', resource('u2', 'available', 1_000)],
      ['u3', resource('u3', 'returning', 6_000)],
      ['u4', resource('u4', 'available', 1_000)],
    ]);
    const orders = [
      order('o1', 'u1', { status: 'acknowledged', updatedAt: 3_000 }),
      order('o2', 'u2'),
      order('o3', 'u3', { status: 'acknowledged' }),
      order('o4', 'u3', { kind: 'recall', sentAt: 4_000 }),
      order('o5', 'u4', { status: 'refused' }),
    ];
    expect(unitsOf('i1', orders, resources)).toEqual([
      { resourceId: 'u1', name: 'u1', state: 'on_scene', since: 5_000 },
      { resourceId: 'u2', name: 'u2', state: 'ordered', since: 2_000 },
    ]);
  });

  it('shows open incidents of level III and up, gravest first', () => {
    const incidents = new Map([
      ['a', incident('a', 'III', 1)],
      ['b', incident('b', 'IV', 2)],
      ['c', incident('c', 'I', 3)],
      ['d', { ...incident('d', 'II', 4), status: 'closed' as const }],
    ]);
    expect(boardRows(incidents, new Map(), new Map()).map((r) => r.incident.id)).toEqual([
      'c',
      'a',
    ]);
  });
});

describe('what needs attention now', () => {
  it('puts unacknowledged serious incidents first, then second-stage alarms, unanswered orders, acknowledged incidents, first-stage alarms, interrupted feeds', () => {
    const seen = {
      ...incident('seen', 'I'),
      acknowledged: { by: 'x', at: 2, level: 'I' as const },
    };
    const picture = {
      incidents: new Map([
        ['new', incident('new', 'II')],
        ['seen', seen],
        ['minor', incident('minor', 'III')],
      ]),
      alarms: new Map([
        ['h', alarm('h', 'active', { level: 'H', raisedAt: 1 })],
        ['hh', alarm('hh', 'active', { level: 'HH', raisedAt: 5 })],
        ['ack', alarm('ack', 'active', { level: 'HH', acknowledged: { by: 'x', at: 1 } })],
      ]),
      orders: new Map([['o', order('o', 'u1')]]),
    };
    const feeds: WallFeed[] = [
      { agency: 'w', lastMessageAt: 1, silent: true, state: 'silent' },
      { agency: 'n', lastMessageAt: null, silent: false, state: 'never' },
    ];
    expect(attentionItems(picture, feeds, ['I', 'II']).map((i) => i.id)).toEqual([
      'new',
      'hh',
      'o',
      'seen',
      'h',
      'w',
    ]);
  });
});
