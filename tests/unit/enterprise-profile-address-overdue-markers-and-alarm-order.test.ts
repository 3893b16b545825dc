import { describe, expect, it } from 'vitest';
import type { Alarm, HiddenHazard, HiddenHazardStage } from '@cc/shared';
import { enterpriseFromPath, enterprisePath } from '../../client/src/risk/route';
import { overdueHiddenHazards } from '../../client/src/map/layers/hidden-hazards-overdue';
import { orderAlarms } from '../../server/src/hiddenhazards/enterprise';

function item(
  n: number,
  stage: HiddenHazardStage,
  extra: Partial<HiddenHazard> = {},
): HiddenHazard {
  return {
    id: `ent-a:${n}`,
    agency: 'ent-a',
    enterprise: '甲',
    sector: 'gas',
    source: 'self_check',
    description: '隐患',
    location: [119.9, 31.8],
    stage,
    photos: [],
    reportedAt: 0,
    history: [],
    ts: 0,
    ...extra,
  };
}

function alarm(id: string, status: Alarm['status'], raisedAt: number, clearedAt?: number): Alarm {
  return {
    id,
    cause: 'threshold',
    agency: 'ent-a',
    status,
    level: 'HH',
    peak: 'HH',
    raisedAt,
    updatedAt: clearedAt ?? raisedAt,
    ...(clearedAt === undefined ? {} : { clearedAt }),
  };
}

describe('the enterprise profile (一企一档)', () => {
  it('has an address of its own that reads back to the agency, and no other address is one', () => {
    expect(enterprisePath('ent-a')).toBe('/risk/enterprise/ent-a');
    expect(enterpriseFromPath(enterprisePath('ent-a'))).toBe('ent-a');
    expect(enterpriseFromPath('/risk/enterprise/ent-a/')).toBe('ent-a');
    expect(enterpriseFromPath(enterprisePath('企业 1'))).toBe('企业 1');
    expect(enterpriseFromPath('/risk')).toBeNull();
    expect(enterpriseFromPath('/risk/enterprise/')).toBeNull();
    expect(enterpriseFromPath('/risk/enterprise/a/b')).toBeNull();
    expect(enterpriseFromPath('/risk/enterprise/%E0%A4%A')).toBeNull();
  });

  it('lists active alarms first, newest raised first, then cleared ones, newest cleared first, at most the bound', () => {
    const ordered = orderAlarms(
      [
        alarm('c-old', 'cleared', 100, 200),
        alarm('a-old', 'active', 150),
        alarm('c-new', 'cleared', 120, 900),
        alarm('a-new', 'active', 800),
      ],
      3,
    );
    expect(ordered.map((a) => a.id)).toEqual(['a-new', 'a-old', 'c-new']);
  });
});

describe('overdue hidden hazards on the wall map', () => {
  it('marks only open items past their deadline, 重大 drawn last (on top)', () => {
    const marked = overdueHiddenHazards([
      item(1, 'rectifying', { overdueSince: 5, grade: 'major' }),
      item(2, 'rectifying', { overdueSince: 5, grade: 'general' }),
      item(3, 'rectifying', { grade: 'major' }),
      item(4, 'closed', { overdueSince: 5, grade: 'major' }),
      item(5, 'supervised', { overdueSince: 7, grade: 'major' }),
    ]);
    expect(marked.map((i) => i.id)).toEqual(['ent-a:2', 'ent-a:1', 'ent-a:5']);
  });
});
