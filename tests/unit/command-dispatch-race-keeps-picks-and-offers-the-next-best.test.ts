import { describe, expect, it } from 'vitest';
import type { Resource, SupportResponse } from '@cc/shared';
import { keepPicked, nextBest, takenBy } from '../../client/src/command/dispatch-race';
import { shownState } from '../../client/src/command/command-log';
import { minutesLeft, unitRows } from '../../client/src/command/units';
import { telHref } from '../../client/src/command/format';
import { keepOrder } from '../../client/src/command/hold-while-touched';
import type { CommandEntry } from '../../client/src/command/command-log';
import { order, resource } from './command-fixtures';

type Groups = SupportResponse['resources'];
const candidate = (id: string, type: Resource['type'] = 'fire_engine', eta = 5) => ({
  resource: resource(id, { type }),
  location: [119.9, 31.8] as [number, number],
  distanceKm: eta,
  etaMinutes: eta,
  basis: 'road' as const,
});
const groups = (...ids: string[]): Groups => [
  { type: 'fire_engine', candidates: ids.map((id) => candidate(id)) },
  { type: 'ambulance', candidates: [candidate('fire:amb', 'ambulance')] },
];

describe('the tablet, dispatching in a changing picture', () => {
  it('names the incident a unit was taken by, while that order still holds it', () => {
    const orders = [
      order('o1', { resourceId: 'fire:u1', incidentId: 'fire:i1', sentAt: 1 }),
      order('o2', { resourceId: 'fire:u1', incidentId: 'fire:other', sentAt: 2 }),
    ];
    expect(takenBy('fire:u1', orders, 'fire:i1')).toBe('fire:other');
    expect(takenBy('fire:u2', orders, 'fire:i1')).toBeUndefined();
    const done = [order('o3', { resourceId: 'fire:u1', incidentId: 'fire:x', status: 'done' })];
    expect(takenBy('fire:u1', done, 'fire:i1')).toBeUndefined();
  });

  it('offers the first unit of the same type that is free now and not already chosen', () => {
    const live = new Map([
      ['fire:a', resource('fire:a', { status: 'dispatched' })],
      ['fire:b', resource('fire:b')],
      ['fire:c', resource('fire:c')],
    ]);
    const g = groups('fire:a', 'fire:b', 'fire:c');
    expect(nextBest(g, 'fire_engine', new Set(), live)?.resource.id).toBe('fire:b');
    expect(nextBest(g, 'fire_engine', new Set(['fire:b']), live)?.resource.id).toBe('fire:c');
    expect(nextBest(g, 'fire_engine', new Set(['fire:b', 'fire:c']), live)).toBeUndefined();
    expect(nextBest(g, 'ambulance', new Set(), live)?.resource.id).toBe('fire:amb');
    expect(nextBest(g, undefined, new Set(), live)).toBeUndefined();
  });

  it('keeps a picked unit where it was when fresh suggestions no longer have it', () => {
    const before = groups('fire:a', 'fire:b', 'fire:c');
    const after = groups('fire:a', 'fire:c', 'fire:d');
    expect(keepPicked(before, after, new Set())).toBe(after);
    expect(keepPicked(before, after, new Set(['fire:a']))).toBe(after);
    const kept = keepPicked(before, after, new Set(['fire:b']));
    expect(kept[0]!.candidates.map((c) => c.resource.id)).toEqual([
      'fire:a',
      'fire:b',
      'fire:c',
      'fire:d',
    ]);
    // The other type is left as it came.
    expect(kept[1]).toBe(after[1]);
  });

  it('shows a unit a confirmed dispatch left out as refused, with its code, beside the ones sent', () => {
    const entry: CommandEntry = {
      command: {
        type: 'dispatch',
        commandId: 'cmd-12345678',
        incidentId: 'fire:i1',
        resourceIds: ['fire:u1', 'fire:u2'],
      },
      state: 'confirmed',
      sentAt: 10_000,
      attempts: 1,
      refused: [{ resourceId: 'fire:u2', code: 'dispatch.unit_busy', status: 'en_route' }],
    };
    const orders = [order('o1', { resourceId: 'fire:u1', sentAt: 10_100 })];
    const rows = unitRows('fire:i1', orders, new Map(), new Map([['cmd-12345678', entry]]));
    const u1 = rows.find((r) => r.resourceId === 'fire:u1')!;
    const u2 = rows.find((r) => r.resourceId === 'fire:u2')!;
    // u1's order speaks for it; u2 did not go, and says why.
    expect(u1.command).toBeUndefined();
    expect(u2.command).toMatchObject({
      state: 'refused',
      refusal: { code: 'dispatch.unit_busy', status: 'en_route' },
    });
  });

  it('shows a command left without an answer by the link as waiting to go out while offline', () => {
    expect(shownState({ state: 'pending' }, true)).toBe('waiting');
    expect(shownState({ state: 'unconfirmed', code: 'link.timeout' }, true)).toBe('waiting');
    expect(shownState({ state: 'unconfirmed', code: 'link.lost' }, true)).toBe('waiting');
    // Back online and still unconfirmed: the resend is offered again.
    expect(shownState({ state: 'unconfirmed', code: 'link.timeout' }, false)).toBe('unconfirmed');
    expect(shownState({ state: 'pending' }, false)).toBe('pending');
    expect(shownState({ state: 'refused', code: 'command.stale' }, true)).toBe('refused');
  });

  it('turns phone numbers into tel: links', () => {
    expect(telHref('0519-8512 3456')).toBe('tel:051985123456');
    expect(telHref('+86 519 8512 3456')).toBe('tel:+8651985123456');
    expect(telHref('(0519) 8888-1234 转 8001')).toBe('tel:051988881234;ext=8001');
    expect(telHref('138 0000 1111')).toBe('tel:13800001111');
  });
});

describe('the alarm list while an alarm is being handled', () => {
  const a = (id: string) => ({ id });
  it('keeps the shown order; a new alarm joins after, a cleared one leaves', () => {
    const fresh = [a('new'), a('x'), a('y'), a('z')];
    expect(keepOrder(null, fresh)).toBe(fresh);
    expect(keepOrder(['x', 'y', 'z'], fresh).map((x) => x.id)).toEqual(['x', 'y', 'z', 'new']);
    expect(keepOrder(['x', 'gone', 'z'], [a('z'), a('x')]).map((x) => x.id)).toEqual(['x', 'z']);
  });
});

describe('a dispatched unit on its way', () => {
  it('counts its ETA down from when decision support gave it, to zero', () => {
    const at = 1_000_000;
    expect(minutesLeft(7, at, at)).toBe(7);
    expect(minutesLeft(7, at, at + 60_000)).toBe(6);
    expect(minutesLeft(7, at, at + 90_000)).toBe(6);
    expect(minutesLeft(7, at, at + 7 * 60_000)).toBe(0);
    expect(minutesLeft(7, at, at + 60 * 60_000)).toBe(0);
  });
});
