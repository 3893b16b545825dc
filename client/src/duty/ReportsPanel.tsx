import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Report, ReportFields } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { useServerNow } from '../time/use-server-now';
import { dateTime, draftReport } from './draft';
import { clockText, reportsByUrgency } from './report-clock';
import { useDutyCommand } from './use-duty-command';

const FIELD_KEYS = [
  'title',
  'time',
  'place',
  'type',
  'casualties',
  'actions',
  'resources',
  'summary',
] as const satisfies readonly (keyof ReportFields)[];

function ReportRow({
  report,
  selected,
  onSelect,
}: {
  report: Report;
  selected: boolean;
  onSelect: () => void;
}): ReactElement {
  const { t } = useTranslation();
  const incident = useAppStore((s) => s.incidents.get(report.incidentId));
  const now = useServerNow();
  const overdue = report.status === 'due' && now > report.dueAt;
  return (
    <li>
      <button
        type="button"
        className={`duty-report${overdue ? ' duty-report--overdue' : ''}${selected ? ' duty-report--selected' : ''}`}
        data-testid="report-item"
        data-report-id={report.id}
        data-status={overdue ? 'overdue' : report.status}
        onClick={onSelect}
      >
        <span className="duty-report__stage">
          {t(`duty.stage.${report.stage}`, { seq: report.seq })}
        </span>
        <span className="duty-report__title">{incident?.title ?? report.incidentId}</span>
        <span className="duty-report__clock" data-testid="report-clock">
          {clockText(report, now, t)}
        </span>
      </button>
    </li>
  );
}

function ReportEditor({ report, canWrite }: { report: Report; canWrite: boolean }): ReactElement {
  const { t, i18n } = useTranslation();
  const incident = useAppStore((s) => s.incidents.get(report.incidentId));
  const orders = useAppStore((s) => s.orders);
  const resources = useAppStore((s) => s.resources);
  const latest = report.versions[report.versions.length - 1];
  const draft = useMemo(
    () =>
      draftReport({
        report,
        incident,
        orders: orders.values(),
        resources,
        language: i18n.language,
        t,
      }),
    // The draft is made once per report shown (and language): live changes must not overwrite edits.
    [report.id, i18n.language],
  );
  const [fields, setFields] = useState<ReportFields>(() => latest?.fields ?? draft);
  const [viewing, setViewing] = useState<number | null>(latest?.v ?? null);
  const [to, setTo] = useState(report.sent?.to ?? '');
  const { send, busy, error } = useDutyCommand();
  const now = useServerNow();
  const save = () =>
    send({ type: 'report.save', reportId: report.id, fields }).then((ok) => {
      if (ok) setViewing(report.versions.length + 1);
      return ok;
    });
  return (
    <div className="duty-editor" data-testid="report-editor" data-report-id={report.id}>
      <div className="duty-print" data-testid="report-print">
        <h3 className="duty-print__title">{fields.title}</h3>
        <p className="duty-print__meta">
          {t(`duty.stage.${report.stage}`, { seq: report.seq })} ·{' '}
          {t('duty.dueAt', { time: dateTime(i18n.language, report.dueAt) })}
          {viewing !== null && ` · ${t('duty.versionShort', { v: viewing })}`}
        </p>
        <dl>
          {FIELD_KEYS.filter((k) => k !== 'title').map((k) => (
            <div key={k} className="duty-print__field">
              <dt>{t(`duty.field.${k}`)}</dt>
              <dd>{fields[k]}</dd>
            </div>
          ))}
        </dl>
        {report.sent && (
          <p className="duty-print__meta">
            {t('duty.sentTo', {
              time: dateTime(i18n.language, report.sent.at),
              to: report.sent.to,
              v: report.sent.version,
              by: report.sent.by,
            })}
          </p>
        )}
        <p className="duty-print__meta duty-print__only">
          {t('duty.printed', { time: dateTime(i18n.language, now) })}
        </p>
      </div>
      {!latest && <p className="duty-muted">{t('duty.noVersions')}</p>}
      <form
        className="duty-form duty-no-print"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {FIELD_KEYS.map((k) => (
          <label key={k} className="duty-field">
            <span>{t(`duty.field.${k}`)}</span>
            {k === 'title' ? (
              <input
                value={fields[k]}
                readOnly={!canWrite}
                data-field={k}
                onChange={(e) => setFields((f) => ({ ...f, [k]: e.target.value }))}
              />
            ) : (
              <textarea
                value={fields[k]}
                readOnly={!canWrite}
                data-field={k}
                rows={k === 'actions' || k === 'summary' ? 3 : 1}
                onChange={(e) => setFields((f) => ({ ...f, [k]: e.target.value }))}
              />
            )}
          </label>
        ))}
        <div className="duty-form__row">
          {canWrite && (
            <button type="submit" className="duty-button" disabled={busy}>
              {t('duty.save')}
            </button>
          )}
          <button
            type="button"
            className="duty-button duty-button--quiet"
            onClick={() => window.print()}
          >
            {t('duty.print')}
          </button>
        </div>
      </form>
      {canWrite && report.status !== 'cancelled' && (
        <form
          className="duty-form duty-form__row duty-no-print"
          onSubmit={(e) => {
            e.preventDefault();
            void send({ type: 'report.send', reportId: report.id, to: to.trim() });
          }}
        >
          <input
            aria-label={t('duty.to')}
            placeholder={t('duty.to')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
          <button
            type="submit"
            className="duty-button"
            data-testid="report-send"
            disabled={busy || to.trim() === '' || !latest}
          >
            {t('duty.send')}
          </button>
        </form>
      )}
      {error && <p className="duty-error">{error}</p>}
      {report.versions.length > 0 && (
        <div className="duty-no-print">
          <h4 className="duty-form__title">{t('duty.versions')}</h4>
          <ol className="duty-versions" data-testid="report-versions">
            {[...report.versions].reverse().map((v) => (
              <li key={v.v}>
                <button
                  type="button"
                  className={`duty-version${viewing === v.v ? ' duty-version--viewing' : ''}`}
                  onClick={() => {
                    setFields(v.fields);
                    setViewing(v.v);
                  }}
                >
                  {t('duty.version', { v: v.v, time: dateTime(i18n.language, v.at), by: v.by })}
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

/** Reports due up the chain with their deadline clocks, the one selected to edit, send and print. */
export function ReportsPanel({ canWrite }: { canWrite: boolean }): ReactElement {
  const { t } = useTranslation();
  const reports = useAppStore((s) => s.reports);
  const now = useServerNow();
  const sorted = useMemo(() => reportsByUrgency(reports.values()), [reports]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = reports.get(selectedId ?? '') ?? sorted[0];
  const overdue = sorted.filter((r) => r.status === 'due' && now > r.dueAt).length;
  return (
    <section className="panel duty-reports" data-testid="duty-reports" data-overdue={overdue}>
      <h2 className="panel__title">
        {t('duty.reports')}
        <span className={`pill${overdue > 0 ? ' pill--alarm' : ''}`}>{sorted.length}</span>
      </h2>
      {sorted.length === 0 ? (
        <p className="panel__empty">{t('duty.noReports')}</p>
      ) : (
        <ul className="duty-report-list duty-no-print">
          {sorted.map((r) => (
            <ReportRow
              key={r.id}
              report={r}
              selected={r.id === selected?.id}
              onSelect={() => setSelectedId(r.id)}
            />
          ))}
        </ul>
      )}
      {selected && <ReportEditor key={selected.id} report={selected} canWrite={canWrite} />}
    </section>
  );
}
