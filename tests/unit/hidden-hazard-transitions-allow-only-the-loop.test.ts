import { describe, expect, it } from 'vitest';
import {
  HH_ACTIONS,
  HH_STAGES,
  nextSteps,
  stepsFor,
  takeStep,
  type HiddenHazard,
  type HiddenHazardAction,
  type HiddenHazardActionName,
  type HiddenHazardGrade,
  type HiddenHazardStage,
  type Identity,
} from '@cc/shared';

const SUPERVISOR: Identity = { sub: 'sup-1', role: 'supervisor', name: '安监科' };
const ADMIN: Identity = { sub: 'admin-1', role: 'admin' };
const OWN: Identity = { sub: 'ent-a-op', role: 'agency', agency: 'ent-a' };
const OTHER: Identity = { sub: 'ent-b-op', role: 'agency', agency: 'ent-b' };
const VIEWER: Identity = { sub: 'wall', role: 'viewer' };
const COMMANDER: Identity = { sub: 'cmd', role: 'commander' };
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1);

function item(stage: HiddenHazardStage, grade?: HiddenHazardGrade): HiddenHazard {
  return {
    id: 'ent-a:hh-1',
    agency: 'ent-a',
    enterprise: '常州甲化工',
    sector: 'hazardous_chemicals',
    source: 'self_check',
    description: '储罐区可燃气体报警器失效',
    location: [119.95, 31.78],
    stage,
    ...(grade === undefined ? {} : { grade }),
    ...(['rectifying', 'verifying', 'verified', 'supervised', 'closed'].includes(stage)
      ? { rectification: { plan: '更换报警器', responsible: '张工', deadline: T0 + 10 * DAY } }
      : {}),
    photos: [],
    reportedAt: T0,
    history: [],
    ts: T0,
  };
}

/** A valid step of each kind. */
const STEP: Record<HiddenHazardActionName, HiddenHazardAction> = {
  file: { action: 'file' },
  assess: { action: 'assess', grade: 'major' },
  rectify: {
    action: 'rectify',
    rectification: {
      plan: '更换报警器',
      responsible: '张工',
      deadline: T0 + 10 * DAY,
      funds: 20_000,
    },
  },
  submit_evidence: { action: 'submit_evidence', note: '已更换并校验' },
  verify_pass: { action: 'verify_pass' },
  verify_fail: { action: 'verify_fail', reason: '未提供校验报告' },
  supervise: {
    action: 'supervise',
    supervision: { department: '市应急管理局', supervisor: '李科长', deadline: T0 + 30 * DAY },
  },
  close: { action: 'close' },
};

/** Every legal step: from which stage (and grade) to which, and who may take it. */
const LEGAL: [
  HiddenHazardStage,
  HiddenHazardGrade | undefined,
  HiddenHazardActionName,
  HiddenHazardStage,
][] = [
  ['reported', undefined, 'file', 'filed'],
  ['filed', undefined, 'assess', 'assessed'],
  ['assessed', 'general', 'rectify', 'rectifying'],
  ['assessed', 'major', 'rectify', 'rectifying'],
  ['rectifying', 'major', 'submit_evidence', 'verifying'],
  ['verifying', 'major', 'verify_pass', 'verified'],
  ['verifying', 'major', 'verify_fail', 'rectifying'],
  ['verified', 'major', 'supervise', 'supervised'],
  ['supervised', 'major', 'close', 'closed'],
  ['verified', 'general', 'close', 'closed'],
];

describe('the hidden-hazard closed loop', () => {
  it.each(LEGAL)(
    '%s (%s) --%s--> %s for supervision staff, recorded in the history',
    (from, grade, action, to) => {
      for (const who of [SUPERVISOR, ADMIN]) {
        const result = takeStep(item(from, grade), STEP[action], who, T0 + DAY);
        expect(result).toMatchObject({ ok: true, item: { stage: to, ts: T0 + DAY } });
        if (!result.ok) return;
        expect(result.item.history.at(-1)).toMatchObject({
          at: T0 + DAY,
          by: who.name ?? who.sub,
          role: who.role,
          action,
          from,
          to,
        });
      }
    },
  );

  /** The steps each stage allows, written out by hand from the plan's loop. */
  const EXPECTED = (
    stage: HiddenHazardStage,
    grade?: HiddenHazardGrade,
  ): HiddenHazardActionName[] => {
    const table: Record<HiddenHazardStage, HiddenHazardActionName[]> = {
      reported: ['file'],
      filed: ['assess'],
      assessed: ['rectify'],
      rectifying: ['submit_evidence'],
      verifying: ['verify_pass', 'verify_fail'],
      verified: grade === 'major' ? ['supervise'] : ['close'],
      supervised: ['close'],
      closed: [],
    };
    return table[stage];
  };

  it('refuses every other stage/step pair, naming the steps the stage allows', () => {
    let refused = 0;
    for (const stage of HH_STAGES) {
      for (const grade of [undefined, 'general', 'major'] as const) {
        const allowed: HiddenHazardActionName[] = EXPECTED(stage, grade);
        expect(nextSteps(item(stage, grade))).toEqual(allowed);
        for (const action of HH_ACTIONS) {
          const result = takeStep(item(stage, grade), STEP[action], SUPERVISOR, T0 + DAY);
          if (allowed.includes(action)) {
            expect(result.ok, `${stage}/${grade}/${action}`).toBe(true);
            continue;
          }
          expect(result, `${stage}/${grade}/${action}`).toMatchObject({
            ok: false,
            reason: 'illegal',
            allowed,
          });
          if (result.ok) continue;
          expect(result.message).toContain(`is ${stage}: ${action} is not a next step`);
          expect(result.message).toContain(allowed.length ? allowed.join(', ') : 'none');
          refused++;
        }
      }
    }
    expect(refused).toBe(HH_STAGES.length * 3 * HH_ACTIONS.length - 3 * 8);
  });

  it('a 重大 item is supervised before it is closed; a 一般 one is never supervised', () => {
    const major = takeStep(item('verified', 'major'), STEP.close, SUPERVISOR, T0);
    expect(major).toMatchObject({ ok: false, reason: 'illegal', allowed: ['supervise'] });
    if (!major.ok) expect(major.message).toContain('supervised before it is closed');
    const general = takeStep(item('verified', 'general'), STEP.supervise, SUPERVISOR, T0);
    expect(general).toMatchObject({ ok: false, reason: 'illegal', allowed: ['close'] });
  });

  it('the enterprise submits evidence for its own item only; it takes no supervisor step', () => {
    expect(takeStep(item('rectifying', 'major'), STEP.submit_evidence, OWN, T0)).toMatchObject({
      ok: true,
      item: { stage: 'verifying' },
    });
    expect(takeStep(item('rectifying', 'major'), STEP.submit_evidence, OTHER, T0)).toMatchObject({
      ok: false,
      reason: 'forbidden',
    });
    for (const [from, grade, action] of LEGAL.filter(([, , a]) => a !== 'submit_evidence')) {
      const result = takeStep(item(from, grade), STEP[action], OWN, T0);
      expect(result, `${from}/${action}`).toMatchObject({ ok: false, reason: 'forbidden' });
      if (!result.ok) expect(result.message).toContain('supervision staff');
    }
  });

  it('viewers, commanders and other enterprises take no step at all', () => {
    for (const who of [VIEWER, COMMANDER, OTHER]) {
      for (const [from, grade, action] of LEGAL) {
        expect(takeStep(item(from, grade), STEP[action], who, T0)).toMatchObject({
          ok: false,
          reason: 'forbidden',
          allowed: [],
        });
        expect(stepsFor(who, item(from, grade))).toEqual([]);
      }
    }
  });

  it('the buttons a role sees are the steps it may take at that stage', () => {
    expect(stepsFor(SUPERVISOR, item('verifying', 'major'))).toEqual([
      'verify_pass',
      'verify_fail',
    ]);
    expect(stepsFor(OWN, item('verifying', 'major'))).toEqual([]);
    expect(stepsFor(OWN, item('rectifying', 'major'))).toEqual(['submit_evidence']);
    expect(stepsFor(SUPERVISOR, item('closed', 'major'))).toEqual([]);
  });

  it('records what each step carries: grade, plan, reason, supervision, close-out time', () => {
    const assessed = takeStep(item('filed'), STEP.assess, SUPERVISOR, T0 + 1);
    expect(assessed).toMatchObject({ ok: true, item: { grade: 'major' } });
    const planned = takeStep(item('assessed', 'major'), STEP.rectify, SUPERVISOR, T0 + 2);
    expect(planned).toMatchObject({ ok: true, item: { rectification: { funds: 20_000 } } });
    const failed = takeStep(
      { ...item('verifying', 'major'), overdueSince: T0 },
      { action: 'verify_fail', reason: '未提供校验报告', deadline: T0 + 20 * DAY },
      SUPERVISOR,
      T0 + 3,
    );
    expect(failed).toMatchObject({
      ok: true,
      item: { stage: 'rectifying', rectification: { deadline: T0 + 20 * DAY } },
    });
    if (failed.ok) {
      expect(failed.item.history.at(-1)?.note).toBe('未提供校验报告');
      // A new deadline still ahead: no longer overdue.
      expect(failed.item.overdueSince).toBeUndefined();
    }
    const closed = takeStep(item('supervised', 'major'), STEP.close, SUPERVISOR, T0 + 4);
    expect(closed).toMatchObject({ ok: true, item: { stage: 'closed', closedAt: T0 + 4 } });
  });

  it('an overdue item stays overdue while it is rectified or verified late, and verification clears it', () => {
    const late = { ...item('rectifying', 'major'), overdueSince: T0 + 11 * DAY };
    const evidence = takeStep(late, STEP.submit_evidence, OWN, T0 + 12 * DAY);
    expect(evidence).toMatchObject({ ok: true, item: { overdueSince: T0 + 11 * DAY } });
    if (!evidence.ok) return;
    const passed = takeStep(evidence.item, STEP.verify_pass, SUPERVISOR, T0 + 13 * DAY);
    expect(passed).toMatchObject({ ok: true, item: { stage: 'verified' } });
    if (passed.ok) expect(passed.item.overdueSince).toBeUndefined();
  });
});
