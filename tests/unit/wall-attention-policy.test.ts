import { describe, expect, it } from 'vitest';
import type { Incident } from '@cc/shared';
import { createAppStore } from '../../client/src/store/create-app-store';
import {
  DEFAULT_FOCUS_RULES,
  incidentFocusReason,
  queueFocus,
  type FocusItem,
} from '../../client/src/store/happenings';
import {
  DEFAULT_ATTENTION,
  focusEnd,
  overdueAlarms,
  stillWanted,
} from '../../client/src/wall/attention';
import { alarm, alarmEvent, hazard, snapshot } from './client-store-fixtures';

function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    agency: 'fire',
    ts: 5_000,
    type: 'explosion',
    category: 'accident_disaster',
    level: 'IV',
    status: 'reported',
    title: `爆炸 ${id}`,
    casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
    location: [119.95, 31.78],
    ...overrides,
  };
}

const item = (kind: FocusItem['kind'], entityId: string, since = 5_000): FocusItem => ({
  id: `e/${entityId}`,
  kind,
  entityId,
  reason: kind === 'incident' ? 'new' : 'highHigh',
  since,
});

describe('the attention policy', () => {
  it('takes serious incidents: new at level I–II, escalated to III or above, more dead, missing or trapped', () => {
    const rules = DEFAULT_FOCUS_RULES;
    expect(incidentFocusReason(incident('a', { level: 'II' }), undefined, rules)).toBe('new');
    expect(incidentFocusReason(incident('a', { level: 'III' }), undefined, rules)).toBeNull();
    expect(
      incidentFocusReason(incident('a', { level: 'III' }), incident('a', { level: 'IV' }), rules),
    ).toBe('escalated');
    const trapped = { dead: 0, injured: 0, missing: 0, trapped: 2 };
    expect(incidentFocusReason(incident('a', { casualties: trapped }), incident('a'), rules)).toBe(
      'casualties',
    );
    // Injuries alone on a lesser incident, a status change, a closed incident: no.
    const injured = { dead: 0, injured: 3, missing: 0, trapped: 0 };
    expect(
      incidentFocusReason(incident('a', { casualties: injured }), incident('a'), rules),
    ).toBeNull();
    expect(
      incidentFocusReason(
        incident('a', { level: 'II', status: 'responding' }),
        incident('a', { level: 'II' }),
        rules,
      ),
    ).toBeNull();
    expect(
      incidentFocusReason(incident('a', { level: 'I', status: 'closed' }), undefined, rules),
    ).toBeNull();
  });

  it('takes high-high alarms only at grade 1–2 hazards', () => {
    const store = createAppStore(() => 10_000);
    store
      .getState()
      .applySnapshot(
        snapshot({ hazards: [hazard('safety:h1', { grade: 3 }), hazard('safety:h2')] }),
      );
    store.getState().applyEvents({
      events: [
        alarmEvent('1700000000001-0', alarm('a1', 'active', { level: 'HH', peak: 'HH' })),
        alarmEvent(
          '1700000000002-0',
          alarm('a2', 'active', { level: 'HH', peak: 'HH', hazardId: 'safety:h2' }),
        ),
      ],
    });
    expect(store.getState().focusQueue.map((f) => [f.entityId, f.reason])).toEqual([
      ['a2', 'highHigh'],
    ]);
  });

  it('queues incidents ahead of alarms, one entry per entity', () => {
    const queue = queueFocus(
      [item('alarm', 'a1'), item('incident', 'i1')],
      [
        item('alarm', 'a2'),
        item('incident', 'i2'),
        { ...item('incident', 'i1'), reason: 'casualties' },
      ],
      20,
    );
    expect(queue.map((q) => [q.entityId, q.reason])).toEqual([
      ['i2', 'new'],
      ['i1', 'casualties'],
      ['a1', 'highHigh'],
      ['a2', 'highHigh'],
    ]);
    // Full: alarms give way to incidents, oldest first.
    expect(
      queueFocus([item('alarm', 'a1'), item('alarm', 'a2')], [item('incident', 'i1')], 2).map(
        (q) => q.entityId,
      ),
    ).toEqual(['i1', 'a2']);
  });

  it('holds an incident until acknowledged after it was queued, or for the hold time', () => {
    const cfg = { ...DEFAULT_ATTENTION, incidentHoldSeconds: 60, seconds: 20 };
    const focus = item('incident', 'i1', 5_000);
    const picture = (i: Incident) => ({ incidents: new Map([[i.id, i]]), alarms: new Map() });
    const open = incident('i1', { level: 'II' });
    // A stream of alarms waiting does not shorten it.
    const alarms = [item('alarm', 'a1'), item('alarm', 'a2')];
    expect(focusEnd(focus, 0, 59_000, picture(open), alarms, cfg)).toBeNull();
    expect(focusEnd(focus, 0, 60_000, picture(open), alarms, cfg)).toBe('timeout');
    const seen = { ...open, acknowledged: { by: '指挥员', at: 6_000, level: 'II' as const } };
    expect(focusEnd(focus, 0, 1_000, picture(seen), [], cfg)).toBe('acknowledged');
    // An acknowledgement from before it was queued (before an escalation) does not count.
    const old = { ...open, acknowledged: { by: '指挥员', at: 4_000, level: 'III' as const } };
    expect(focusEnd(focus, 0, 1_000, picture(old), [], cfg)).toBeNull();
    expect(stillWanted(focus, picture(old))).toBe(true);
    expect(stillWanted(focus, picture(seen))).toBe(false);
    expect(focusEnd(focus, 0, 1_000, picture({ ...open, status: 'closed' }), [], cfg)).toBe('gone');
  });

  it('gives an alarm its seconds, less when acknowledged or cleared, and none once an incident waits', () => {
    const cfg = { ...DEFAULT_ATTENTION, seconds: 20 };
    const focus = item('alarm', 'a1');
    const active = alarm('a1', 'active', { level: 'HH', peak: 'HH' });
    const picture = { incidents: new Map(), alarms: new Map([['a1', active]]) };
    expect(focusEnd(focus, 0, 19_000, picture, [], cfg)).toBeNull();
    expect(focusEnd(focus, 0, 20_000, picture, [], cfg)).toBe('timeout');
    expect(focusEnd(focus, 0, 1_000, picture, [item('incident', 'i1')], cfg)).toBe('preempted');
    const acked = { ...active, acknowledged: { by: 'x', at: 3_000 } };
    expect(
      focusEnd(
        focus,
        0,
        1_000,
        { incidents: new Map(), alarms: new Map([['a1', acked]]) },
        [],
        cfg,
      ),
    ).toBe('acknowledged');
    expect(focusEnd(focus, 0, 1_000, { incidents: new Map(), alarms: new Map() }, [], cfg)).toBe(
      'gone',
    );
    // Eased back to high while waiting: a high-high focus is no longer wanted.
    const eased = { ...active, level: 'H' as const };
    expect(stillWanted(focus, { incidents: new Map(), alarms: new Map([['a1', eased]]) })).toBe(
      false,
    );
  });

  it('brings an alarm left unacknowledged past the configured time, once, on the server clock', () => {
    const cfg = { ...DEFAULT_ATTENTION, alarmUnacknowledgedSeconds: 300 };
    const alarms = new Map([
      ['a1', alarm('a1', 'active', { raisedAt: 0 })],
      ['a2', alarm('a2', 'active', { raisedAt: 100_000 })],
      ['a3', alarm('a3', 'active', { raisedAt: 0, acknowledged: { by: 'x', at: 1 } })],
      ['a4', alarm('a4', 'active', { raisedAt: 0, cause: 'offline', level: 'offline' })],
    ]);
    expect(overdueAlarms(alarms, 300_000, cfg, new Set()).map((a) => a.entityId)).toEqual(['a1']);
    expect(overdueAlarms(alarms, 300_000, cfg, new Set(['a1']))).toEqual([]);
    expect(
      overdueAlarms(alarms, 300_000, { ...cfg, alarmUnacknowledgedSeconds: 0 }, new Set()),
    ).toEqual([]);
  });
});
