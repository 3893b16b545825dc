import { describe, expect, it } from 'vitest';
import type { Command } from '@cc/shared';
import type { CommandEntry } from '../../client/src/command/command-log';
import { unitRows } from '../../client/src/command/units';
import { order, recall, resource } from './command-fixtures';

const I = 'fire:i1';
const dispatch = (commandId: string, resourceIds: string[]): Command => ({
  type: 'dispatch',
  commandId,
  incidentId: I,
  resourceIds,
});
const entry = (command: Command, state: CommandEntry['state'], sentAt = 10_000): CommandEntry => ({
  command,
  state,
  sentAt,
  attempts: 1,
});

describe("the tablet's units of an incident", () => {
  const resources = new Map([
    ['fire:u1', resource('fire:u1', { status: 'dispatched' })],
    ['fire:u2', resource('fire:u2', { status: 'available' })],
  ]);

  it('shows a dispatch waiting for the server before any order exists', () => {
    const rows = unitRows(
      I,
      [],
      resources,
      new Map([['c1', entry(dispatch('c1', ['fire:u1', 'fire:u2']), 'pending')]]),
    );
    expect(rows.map((r) => [r.resourceId, r.command?.state, r.dispatch])).toEqual([
      ['fire:u1', 'pending', undefined],
      ['fire:u2', 'pending', undefined],
    ]);
  });

  it('lets the order speak once the command is confirmed and the order has arrived', () => {
    const entries = new Map([['c1', entry(dispatch('c1', ['fire:u1', 'fire:u2']), 'confirmed')]]);
    const orders = [order('fire:o1', { resourceId: 'fire:u1', status: 'acknowledged' })];
    const rows = unitRows(I, orders, resources, entries);
    const u1 = rows.find((r) => r.resourceId === 'fire:u1')!;
    const u2 = rows.find((r) => r.resourceId === 'fire:u2')!;
    expect(u1.command).toBeUndefined();
    expect(u1.dispatch?.status).toBe('acknowledged');
    // Confirmed, its order not here yet: still said, as confirmed.
    expect(u2.command?.state).toBe('confirmed');
  });

  it('keeps a refusal and a recall after the dispatch on the unit', () => {
    const orders = [
      order('fire:o1', { resourceId: 'fire:u1', status: 'acknowledged', sentAt: 10_000 }),
      recall('fire:o2', { resourceId: 'fire:u1', sentAt: 12_000 }),
      recall('fire:o3', { resourceId: 'fire:u1', sentAt: 5_000 }),
    ];
    const entries = new Map([
      ['c2', entry({ type: 'recall', commandId: 'c2', resourceId: 'fire:u1' }, 'refused', 20_000)],
    ]);
    const [u1] = unitRows(I, orders, resources, entries);
    expect(u1!.recall?.id).toBe('fire:o2');
    expect(u1!.command).toMatchObject({ kind: 'recall', state: 'refused' });
  });

  it('leaves out other incidents and recalls of units never sent here', () => {
    const orders = [
      order('fire:o1', { incidentId: 'fire:other' }),
      recall('fire:o2', { resourceId: 'fire:u2' }),
    ];
    expect(unitRows(I, orders, resources, new Map())).toEqual([]);
  });
});
