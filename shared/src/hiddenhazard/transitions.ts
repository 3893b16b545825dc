import type { Identity, Role } from '../live/principal';
import type {
  HiddenHazard,
  HiddenHazardGrade,
  HiddenHazardStage,
  PhotoRef,
  Rectification,
  Supervision,
} from './model';

/** A step someone takes on a hidden hazard, with what it needs. */
export type HiddenHazardAction =
  | { action: 'file'; note?: string | undefined }
  | { action: 'assess'; grade: HiddenHazardGrade; note?: string | undefined }
  | { action: 'rectify'; rectification: Rectification; note?: string | undefined }
  | { action: 'submit_evidence'; note: string; photos?: PhotoRef[] | undefined }
  | { action: 'verify_pass'; note?: string | undefined }
  | { action: 'verify_fail'; reason: string; deadline?: number | undefined }
  | { action: 'supervise'; supervision: Supervision; note?: string | undefined }
  | { action: 'close'; note?: string | undefined };
export type HiddenHazardActionName = HiddenHazardAction['action'];

/** Who may take a step: supervision staff, or the enterprise the item belongs to. */
type Actor = 'supervisor' | 'enterprise';

interface Rule {
  from: readonly HiddenHazardStage[];
  to: HiddenHazardStage;
  by: readonly Actor[];
  /** Only items of this grade (挂牌督办 is for 重大 only). */
  grade?: HiddenHazardGrade;
}

/**
 * The closed loop as a table: the one place that says which step moves an item from where to
 * where, and who may take it. A 重大 item must be supervised (挂牌督办) before it is closed.
 */
export const HH_TRANSITIONS: Record<HiddenHazardActionName, Rule> = {
  file: { from: ['reported'], to: 'filed', by: ['supervisor'] },
  assess: { from: ['filed'], to: 'assessed', by: ['supervisor'] },
  rectify: { from: ['assessed'], to: 'rectifying', by: ['supervisor'] },
  submit_evidence: { from: ['rectifying'], to: 'verifying', by: ['supervisor', 'enterprise'] },
  verify_pass: { from: ['verifying'], to: 'verified', by: ['supervisor'] },
  verify_fail: { from: ['verifying'], to: 'rectifying', by: ['supervisor'] },
  supervise: { from: ['verified'], to: 'supervised', by: ['supervisor'], grade: 'major' },
  close: { from: ['verified', 'supervised'], to: 'closed', by: ['supervisor'] },
};
export const HH_ACTIONS = Object.keys(HH_TRANSITIONS) as HiddenHazardActionName[];

/** Roles that act as supervision staff on hidden hazards. */
const SUPERVISING: readonly Role[] = ['supervisor', 'admin'];

/** What the identity is to this item: supervision staff, its enterprise, or nobody. */
export function actorOf(identity: Identity, item: Pick<HiddenHazard, 'agency'>): Actor | undefined {
  if (SUPERVISING.includes(identity.role)) return 'supervisor';
  if (identity.role === 'agency' && item.agency !== undefined && identity.agency === item.agency) {
    return 'enterprise';
  }
  return undefined;
}

/** Whether the rule lets the item go, leaving the actor aside. */
function stageAllows(rule: Rule, item: Pick<HiddenHazard, 'stage' | 'grade'>): boolean {
  if (!rule.from.includes(item.stage)) return false;
  // A 重大 item is closed only once supervised.
  if (rule === HH_TRANSITIONS.close && item.grade === 'major' && item.stage !== 'supervised') {
    return false;
  }
  return rule.grade === undefined || rule.grade === item.grade;
}

/** The steps the item's stage allows, whoever takes them. Pure. */
export function nextSteps(item: Pick<HiddenHazard, 'stage' | 'grade'>): HiddenHazardActionName[] {
  return HH_ACTIONS.filter((a) => stageAllows(HH_TRANSITIONS[a], item));
}

/** The steps the item's stage allows this identity to take (the buttons a screen shows). Pure. */
export function stepsFor(
  identity: Identity | undefined,
  item: Pick<HiddenHazard, 'stage' | 'grade' | 'agency'>,
): HiddenHazardActionName[] {
  const actor = identity && actorOf(identity, item);
  if (!actor) return [];
  return nextSteps(item).filter((a) => HH_TRANSITIONS[a].by.includes(actor));
}

export type StepRefusal = {
  ok: false;
  /** `forbidden`: not this identity's step; `illegal`: not a step from this stage. */
  reason: 'forbidden' | 'illegal';
  message: string;
  /** The steps the stage does allow. */
  allowed: HiddenHazardActionName[];
};

/** The deadline that makes the item overdue at its stage, if any. Pure. */
export function deadlineOf(item: HiddenHazard): number | undefined {
  if (item.stage === 'rectifying' || item.stage === 'verifying') {
    return item.rectification?.deadline;
  }
  if (item.stage === 'supervised') return item.supervision?.deadline;
  return undefined;
}

/** Whether the item is past its stage's deadline at `now`. Pure. */
export function isOverdue(item: HiddenHazard, now: number): boolean {
  const deadline = deadlineOf(item);
  return deadline !== undefined && now > deadline;
}

function describe(list: readonly string[]): string {
  return list.length === 0 ? 'none (the item is closed)' : list.join(', ');
}

/**
 * Takes one step: the item at its new stage with the step in its history, or why not (the
 * stage does not allow it, naming the steps it does; or the identity may not take it). Pure.
 */
export function takeStep(
  item: HiddenHazard,
  step: HiddenHazardAction,
  identity: Identity,
  at: number,
): { ok: true; item: HiddenHazard } | StepRefusal {
  const rule = HH_TRANSITIONS[step.action];
  const allowed = nextSteps(item);
  const actor = actorOf(identity, item);
  // Someone with no part in the item learns nothing about its stage.
  if (!actor) {
    return {
      ok: false,
      reason: 'forbidden',
      message: `hidden hazard ${item.id} is neither yours nor yours to supervise`,
      allowed: [],
    };
  }
  if (!stageAllows(rule, item)) {
    const why =
      rule === HH_TRANSITIONS.close && item.grade === 'major' && item.stage === 'verified'
        ? ' (a 重大 item is supervised before it is closed)'
        : rule.grade !== undefined && rule.grade !== item.grade
          ? ` (only for ${rule.grade} items)`
          : '';
    return {
      ok: false,
      reason: 'illegal',
      message: `hidden hazard ${item.id} is ${item.stage}: ${step.action} is not a next step${why}; allowed: ${describe(allowed)}`,
      allowed,
    };
  }
  if (!rule.by.includes(actor)) {
    const who = rule.by.map((a) => (a === 'supervisor' ? 'supervision staff' : 'its enterprise'));
    return {
      ok: false,
      reason: 'forbidden',
      message: `${step.action} on ${item.id} is for ${who.join(' or ')} only`,
      allowed,
    };
  }
  const by = identity.name ?? identity.sub;
  const next: HiddenHazard = { ...item, stage: rule.to, ts: at };
  let note: string | undefined;
  let photos: PhotoRef[] | undefined;
  switch (step.action) {
    case 'assess':
      next.grade = step.grade;
      note = step.note;
      break;
    case 'rectify':
      next.rectification = step.rectification;
      note = step.note;
      break;
    case 'submit_evidence':
      note = step.note;
      photos = step.photos;
      if (photos?.length) next.photos = [...item.photos, ...photos];
      break;
    case 'verify_fail':
      note = step.reason;
      if (step.deadline !== undefined && next.rectification) {
        next.rectification = { ...next.rectification, deadline: step.deadline };
      }
      break;
    case 'supervise':
      next.supervision = step.supervision;
      note = step.note;
      break;
    case 'close':
      next.closedAt = at;
      note = step.note;
      break;
    default:
      note = step.note;
  }
  // A new stage is judged against its own deadline; the sweeper marks it overdue again if so.
  if (!isOverdue(next, at)) delete next.overdueSince;
  next.history = [
    ...item.history,
    {
      at,
      by,
      role: identity.role,
      action: step.action,
      from: item.stage,
      to: rule.to,
      ...(note === undefined ? {} : { note }),
      ...(photos?.length ? { photos } : {}),
    },
  ];
  return { ok: true, item: next };
}
