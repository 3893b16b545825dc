import { describe, expect, it } from 'vitest';
import type { HiddenHazard, HiddenHazardStage } from '@cc/shared';
import { hiddenHazardCounts } from '../../client/src/wall/hidden-hazard-counts';

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

describe("the wall's hidden-hazard panel", () => {
  it('counts open items by stage, the overdue, and 重大 ones under supervision', () => {
    const c = hiddenHazardCounts([
      item(1, 'reported'),
      item(2, 'rectifying', { overdueSince: 5, grade: 'major' }),
      item(3, 'rectifying', { grade: 'general' }),
      item(4, 'supervised', {
        grade: 'major',
        supervision: { department: '市应急管理局', supervisor: '李', deadline: 9 },
      }),
      item(5, 'closed', { grade: 'major' }),
    ]);
    expect(c).toMatchObject({ open: 4, overdue: 1, major: 2, majorSupervised: 1 });
    expect(c.byStage.find((s) => s.stage === 'rectifying')?.count).toBe(2);
    expect(c.byStage.map((s) => s.stage)).not.toContain('closed');
  });
});
