import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { HiddenHazardActionName } from '@cc/shared';
import { sendStep } from './api';

const DAY = 86_400_000;

/** The fields a step needs besides its note, from what the form holds. Pure. */
export function stepBody(
  action: HiddenHazardActionName,
  f: { note: string; grade: string; who: string; days: string; plan: string; dept: string },
  now: number,
): Record<string, unknown> {
  const note = f.note.trim();
  const deadline = now + Math.max(0, Number(f.days) || 0) * DAY;
  switch (action) {
    case 'assess':
      return { action, grade: f.grade, ...(note ? { note } : {}) };
    case 'rectify':
      return {
        action,
        rectification: { plan: f.plan.trim() || note, responsible: f.who.trim(), deadline },
      };
    case 'submit_evidence':
      return { action, note };
    case 'verify_fail':
      return { action, reason: note };
    case 'supervise':
      return {
        action,
        supervision: { department: f.dept.trim(), supervisor: f.who.trim(), deadline },
      };
    default:
      return { action, ...(note ? { note } : {}) };
  }
}

/** The buttons the signed-in account may press at this stage, and what a step asks for. */
export function StepForm(props: {
  id: string;
  steps: readonly HiddenHazardActionName[];
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const [f, setF] = useState({
    note: '',
    grade: 'general',
    who: '',
    days: '15',
    plan: '',
    dept: '',
  });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const wants = (a: HiddenHazardActionName) => props.steps.includes(a);
  async function take(action: HiddenHazardActionName) {
    setBusy(true);
    setError('');
    const result = await sendStep(props.id, stepBody(action, f, Date.now()));
    setBusy(false);
    if (result.ok) {
      setF({ ...f, note: '', plan: '' });
      props.onDone();
    } else setError(result.message);
  }
  if (props.steps.length === 0) {
    return (
      <p className="risk__muted" data-testid="risk-no-steps">
        {t('risk.noSteps')}
      </p>
    );
  }
  return (
    <div className="risk__form" data-testid="risk-steps">
      {wants('assess') && (
        <label>
          {t('risk.field.grade')}
          <select value={f.grade} onChange={set('grade')} data-testid="risk-grade">
            <option value="general">{t('risk.grade.general')}</option>
            <option value="major">{t('risk.grade.major')}</option>
          </select>
        </label>
      )}
      {wants('rectify') && (
        <label>
          {t('risk.field.plan')}
          <input value={f.plan} onChange={set('plan')} data-testid="risk-plan" />
        </label>
      )}
      {(wants('rectify') || wants('supervise')) && (
        <>
          <label>
            {t('risk.field.who')}
            <input value={f.who} onChange={set('who')} data-testid="risk-who" />
          </label>
          <label>
            {t('risk.field.days')}
            <input value={f.days} onChange={set('days')} data-testid="risk-days" />
          </label>
        </>
      )}
      {wants('supervise') && (
        <label>
          {t('risk.field.dept')}
          <input value={f.dept} onChange={set('dept')} data-testid="risk-dept" />
        </label>
      )}
      <label>
        {t('risk.field.note')}
        <input value={f.note} onChange={set('note')} data-testid="risk-note" />
      </label>
      <div className="risk__buttons">
        {props.steps.map((a) => (
          <button
            key={a}
            disabled={busy}
            onClick={() => void take(a)}
            data-testid={`risk-step-${a}`}
          >
            {t(`risk.action.${a}`)}
          </button>
        ))}
      </div>
      {error && (
        <p className="risk__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
