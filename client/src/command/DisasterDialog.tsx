import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { FIGURE_NAMES, IncidentLevel, type Command, type DisasterReport } from '@cc/shared';
import { useFormatters } from '../i18n/format';
import { useAppStore } from '../store/use-app-store';
import { newCommandId, newIncidentLocalId } from './command-id';
import { useCommandLog, useTablet } from './context';
import { Select } from './controls';
import { correctionsOf, invalidFigures, linkTargets, mergeTargets } from './disaster-reports';
import { CommandOutcome, Modal } from './Modal';
import { tabletUi, type DisasterAction } from './ui-store';

/** A report in one line, for pickers and the dialog's head. */
function useReportLine(): (r: DisasterReport) => string {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (r) =>
    `${r.area.name} · ${t(`officer.hazards.${r.hazard ?? 'other'}`)} · ${fmt.time(r.reportedAt)} · ${r.reportedBy}`;
}

/**
 * 核灾 on one report: verify (with corrected figures), reject (with a reason), merge into another
 * report, link to an open incident, or make an incident from it. The dialog closes once the
 * server has confirmed; a refusal shows in place, in the tablet's language.
 */
export function DisasterDialog({
  reportId,
  action,
}: {
  reportId: string;
  action: DisasterAction;
}): ReactElement {
  const { t } = useTranslation();
  const { log } = useTablet();
  const line = useReportLine();
  const report = useAppStore((s) => s.disasterreports.get(reportId));
  const reports = useAppStore((s) => s.disasterreports);
  const incidents = useAppStore((s) => s.incidents);
  const merges = useMemo(() => mergeTargets(reports, reportId), [reports, reportId]);
  const links = useMemo(() => linkTargets(incidents), [incidents]);

  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(FIGURE_NAMES.map((n) => [n, String(report?.figures?.[n] ?? 0)])),
  );
  const [text, setText] = useState('');
  const [into, setInto] = useState(merges[0]?.id ?? '');
  const [incidentId, setIncidentId] = useState(links[0]?.id ?? '');
  const [level, setLevel] = useState<IncidentLevel>('IV');
  const [problem, setProblem] = useState<string | null>(null);
  const [commandId, setCommandId] = useState<string | null>(null);
  const entry = useCommandLog((s) => (commandId ? (s.entries.get(commandId) ?? null) : null));
  const busy = entry?.state === 'pending';

  function build(): Command | string {
    const base = { commandId: newCommandId(), reportId };
    const note = text.trim();
    switch (action) {
      case 'verify': {
        const bad = invalidFigures(typed);
        if (bad.length > 0) return 'badFigure';
        const corrections = report?.figures ? correctionsOf(report.figures, typed) : undefined;
        return {
          type: 'disaster.verify',
          ...base,
          ...(corrections ? { corrections } : {}),
          ...(note ? { note } : {}),
        };
      }
      case 'reject':
        return note ? { type: 'disaster.reject', ...base, reason: note } : 'reasonRequired';
      case 'merge':
        return into ? { type: 'disaster.merge', ...base, into } : 'nothingToMerge';
      case 'link':
        return incidentId ? { type: 'disaster.link', ...base, incidentId } : 'nothingToLink';
      case 'incident':
        return {
          type: 'disaster.incident',
          ...base,
          id: newIncidentLocalId(),
          level,
          ...(note ? { title: note } : {}),
        };
    }
  }

  async function send(): Promise<void> {
    const command = build();
    if (typeof command === 'string') {
      setProblem(command);
      return;
    }
    setProblem(null);
    setCommandId(command.commandId);
    const settled = await log.submit(command);
    if (settled?.state === 'confirmed') tabletUi.setState({ dialog: null });
  }

  const bad = action === 'verify' ? new Set(invalidFigures(typed)) : new Set<string>();
  return (
    <Modal testId="disaster-dialog" title={t(`command.disaster.dialog.${action}`)}>
      {report ? (
        <p className="tablet-note" data-testid="disaster-dialog-report">
          {line(report)}
        </p>
      ) : (
        <p className="tablet-note">{t('command.disaster.gone')}</p>
      )}
      {action === 'verify' && (
        <fieldset className="disaster-form__figures">
          <legend>{t('command.disaster.corrections')}</legend>
          {FIGURE_NAMES.map((name) => {
            const corrected =
              report?.figures !== undefined &&
              typed[name]?.trim() !== '' &&
              Number(typed[name]) !== report.figures[name];
            return (
              <label key={name} className="tablet-field">
                <span>
                  {t(`officer.figures.${name}`)}
                  {corrected && (
                    <em className="disaster-form__was">
                      {' '}
                      {t('command.disaster.reported', { value: report?.figures?.[name] ?? 0 })}
                    </em>
                  )}
                </span>
                <input
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step={name === 'cropHa' || name === 'lossWanYuan' ? 'any' : 1}
                  data-testid={`correct-${name}`}
                  aria-invalid={bad.has(name) || undefined}
                  value={typed[name] ?? ''}
                  onChange={(e) => setTyped({ ...typed, [name]: e.target.value })}
                />
              </label>
            );
          })}
        </fieldset>
      )}
      {action === 'merge' &&
        (merges.length > 0 ? (
          <Select
            testId="disaster-merge-into"
            label={t('command.disaster.mergeInto')}
            value={into}
            options={merges.map((r) => ({ value: r.id, label: line(r) }))}
            onChange={setInto}
          />
        ) : (
          <p className="tablet-note">{t('command.disaster.problem.nothingToMerge')}</p>
        ))}
      {action === 'link' &&
        (links.length > 0 ? (
          <Select
            testId="disaster-link-incident"
            label={t('command.disaster.linkTo')}
            value={incidentId}
            options={links.map((i) => ({
              value: i.id,
              label: `${i.title ?? i.id} · ${t(`incidentLevel.${i.level}`)}`,
            }))}
            onChange={setIncidentId}
          />
        ) : (
          <p className="tablet-note">{t('command.disaster.problem.nothingToLink')}</p>
        ))}
      {action === 'incident' && (
        <Select
          testId="disaster-incident-level"
          label={t('command.form.level')}
          value={level}
          options={IncidentLevel.options.map((v) => ({
            value: v,
            label: t(`incidentLevelLong.${v}`),
          }))}
          onChange={setLevel}
        />
      )}
      {(action === 'verify' || action === 'reject' || action === 'incident') && (
        <label className="tablet-field">
          <span>{t(`command.disaster.text.${action}`)}</span>
          {action === 'incident' ? (
            <input
              data-testid="disaster-text"
              maxLength={200}
              value={text}
              placeholder={report ? report.area.name : ''}
              onChange={(e) => setText(e.target.value)}
            />
          ) : (
            <textarea
              data-testid="disaster-text"
              rows={3}
              maxLength={2_000}
              value={text}
              aria-invalid={problem === 'reasonRequired' || undefined}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </label>
      )}
      {problem && (
        <p className="tablet-error" data-testid="disaster-problem">
          {t(`command.disaster.problem.${problem}`)}
        </p>
      )}
      <CommandOutcome entry={entry} />
      <div className="tablet-actions">
        <button
          type="button"
          className="tablet-btn"
          onClick={() => tabletUi.setState({ dialog: null })}
        >
          {t('command.cancel')}
        </button>
        <button
          type="button"
          className="tablet-btn tablet-btn--primary"
          data-testid="disaster-submit"
          disabled={busy || !report}
          onClick={() => void send()}
        >
          {t(`command.disaster.submit.${action}`)}
        </button>
      </div>
    </Modal>
  );
}
