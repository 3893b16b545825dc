import { describe, expect, it } from 'vitest';
import type { Command, Incident } from '@cc/shared';
import { checkCommand, httpStatus } from '../../server/src/commands/check';
import { mergeIncident, newIncident } from '../../ingest/src/commands/incident';
import { acknowledge } from '../../ingest/src/commands/alarm';
import { createIncidentCommand } from '../helpers/commands';

const commander = { sub: 'c-1', role: 'commander' as const, name: 'Li' };
const viewer = { sub: 'v-1', role: 'viewer' as const };

describe('command checks and pure command logic', () => {
  it('refuses a viewer before looking at the command, and names the invalid field', () => {
    expect(checkCommand(viewer, { nonsense: true })).toMatchObject({ code: 'command.forbidden' });
    expect(checkCommand(undefined, createIncidentCommand('a-1'))).toMatchObject({
      code: 'command.forbidden',
    });
    const bad = createIncidentCommand('a-1');
    bad.incident.title = '';
    expect(checkCommand(commander, bad)).toMatchObject({
      ok: false,
      code: 'command.invalid',
      path: ['incident', 'title'],
    });
    expect(checkCommand(commander, createIncidentCommand('a-1'))).toMatchObject({ ok: true });
  });

  it('maps each refusal to its HTTP status', () => {
    const codes = [
      'command.invalid',
      'command.forbidden',
      'command.unknown_entity',
      'command.stale',
      'command.timeout',
    ] as const;
    expect(codes.map((code) => httpStatus({ ok: false, code, message: '' }))).toEqual([
      400, 403, 404, 409, 504,
    ]);
    expect(httpStatus({ ok: true, commandId: 'x', eventIds: [] })).toBe(200);
  });

  it('creates command-center incidents and merges only the changed fields', () => {
    const command = createIncidentCommand('f-1') as Extract<Command, { type: 'incident.create' }>;
    const incident: Incident = newIncident(command, 1_000);
    expect(incident).toMatchObject({ id: 'cc:f-1', agency: 'cc', status: 'reported', ts: 1_000 });
    expect(incident.casualties).toEqual({ dead: 0, injured: 0, missing: 0, trapped: 0 });
    const merged = mergeIncident(incident, { level: 'I', title: undefined });
    expect(merged).toMatchObject({ level: 'I', title: 'Fire f-1' });
  });

  it('records who acknowledged an alarm, when, with what note', () => {
    const alarm = {
      id: 'a:1',
      cause: 'threshold' as const,
      agency: 'a',
      status: 'active' as const,
      level: 'HH' as const,
      peak: 'HH' as const,
      raisedAt: 1,
      updatedAt: 1,
    };
    expect(acknowledge(alarm, 'Li', 5, 'seen').acknowledged).toEqual({
      by: 'Li',
      at: 5,
      note: 'seen',
    });
    expect(acknowledge(alarm, 'Li', 5).acknowledged).toEqual({ by: 'Li', at: 5 });
  });
});
