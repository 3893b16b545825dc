import { describe, expect, it } from 'vitest';
import {
  HH_STAGES,
  isOverdue,
  takeStep,
  type HiddenHazard,
  type HiddenHazardAction,
  type Identity,
} from '@cc/shared';
import { stepsFor } from '../../demo/src/hidden-hazards/plan';

const DESK: Identity = { sub: 'supervisor', role: 'supervisor', name: '安全监管科' };
const NOW = Date.UTC(2026, 11, 7, 8);

function reported(n: number): HiddenHazard {
  return {
    id: `ent-${n}:YH-${n}`,
    agency: `ent-${n}`,
    enterprise: '演示企业',
    sector: 'hazardous_chemicals',
    source: 'self_check',
    description: '演示隐患',
    location: [119.97, 31.85],
    stage: 'reported',
    photos: [],
    reportedAt: NOW - 86_400_000,
    history: [],
    ts: NOW - 86_400_000,
  };
}

describe("the demo's supervision desk", () => {
  it('brings its 16 items to every stage, with some overdue and 重大 ones under supervision, every step legal', () => {
    const items = Array.from({ length: 16 }, (_, n) => {
      let item = reported(n);
      for (const step of stepsFor(n, NOW)) {
        const result = takeStep(item, step as HiddenHazardAction, DESK, item.ts + 1);
        expect(result, `item ${n} ${step.action}`).toMatchObject({ ok: true });
        if (result.ok) item = result.item;
      }
      return item;
    });
    expect(new Set(items.map((i) => i.stage))).toEqual(new Set(HH_STAGES));
    expect(items.filter((i) => isOverdue(i, NOW)).length).toBeGreaterThanOrEqual(2);
    expect(items.some((i) => i.stage === 'supervised' && i.grade === 'major')).toBe(true);
  });
});
