import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { incidentLevelRank, type RosterEntry } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { useNow } from '../time/use-now';
import { dateTime } from './draft';
import { latestHandover, onDutyRoster } from './roster';
import { useDutyCommand } from './use-duty-command';

/** What is open now, one line each: open incidents (most severe first), alarms, reports due. */
function useOpenLines(): string[] {
  const { t } = useTranslation();
  const incidents = useAppStore((s) => s.incidents);
  const alarms = useAppStore((s) => s.alarms);
  const reports = useAppStore((s) => s.reports);
  const now = useNow();
  return useMemo(() => {
    const open = [...incidents.values()]
      .filter((i) => i.status !== 'closed' && incidentLevelRank(i.level) <= 2)
      .sort((a, b) => incidentLevelRank(a.level) - incidentLevelRank(b.level) || a.ts - b.ts)
      .slice(0, 12)
      .map((i) =>
        t('duty.openIncident', {
          level: t(`incidentLevelLong.${i.level}`),
          title: i.title,
          status: t(`incidentStatus.${i.status}`),
          minutes: Math.max(0, Math.round((now - i.ts) / 60_000)),
        }),
      );
    const unacked = [...alarms.values()].filter((a) => !a.acknowledged).length;
    const due = [...reports.values()].filter((r) => r.status === 'due').length;
    if (unacked > 0) open.push(t('duty.openAlarms', { count: unacked }));
    if (due > 0) open.push(t('duty.openReports', { count: due }));
    return open;
  }, [incidents, alarms, reports, now, t]);
}

function HandoverForm({ current, open }: { current: readonly RosterEntry[]; open: string[] }) {
  const { t } = useTranslation();
  const [people, setPeople] = useState<RosterEntry[]>(() =>
    current.length > 0 ? current.map((p) => ({ ...p })) : [{ duty: '', name: '' }],
  );
  const [note, setNote] = useState('');
  const { send, busy, error } = useDutyCommand();
  const set = (i: number, key: keyof RosterEntry, value: string) =>
    setPeople((ps) => ps.map((p, j) => (j === i ? { ...p, [key]: value } : p)));
  const named = people
    .map((p) => ({ duty: p.duty.trim(), name: p.name.trim(), phone: p.phone?.trim() ?? '' }))
    .filter((p) => p.duty && p.name)
    .map(({ phone, ...p }) => (phone ? { ...p, phone } : p));
  return (
    <form
      className="duty-form"
      data-testid="handover-form"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ type: 'duty.handover', onDuty: named, text: note.trim(), open }).then(
          (ok) => ok && setNote(''),
        );
      }}
    >
      <h3 className="duty-form__title">{t('duty.handover')}</h3>
      {people.map((p, i) => (
        <div className="duty-form__row" key={i}>
          <input
            aria-label={t('duty.post')}
            placeholder={t('duty.post')}
            value={p.duty}
            onChange={(e) => set(i, 'duty', e.target.value)}
          />
          <input
            aria-label={t('duty.name')}
            placeholder={t('duty.name')}
            value={p.name}
            onChange={(e) => set(i, 'name', e.target.value)}
          />
          <input
            aria-label={t('duty.phone')}
            placeholder={t('duty.phone')}
            value={p.phone ?? ''}
            onChange={(e) => set(i, 'phone', e.target.value)}
          />
        </div>
      ))}
      <button
        type="button"
        className="duty-button duty-button--quiet"
        onClick={() => setPeople((ps) => [...ps, { duty: '', name: '' }])}
      >
        {t('duty.addPerson')}
      </button>
      <textarea
        aria-label={t('duty.handoverNote')}
        placeholder={t('duty.handoverNote')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        rows={2}
      />
      <button type="submit" className="duty-button" disabled={busy || named.length === 0}>
        {t('duty.handoverSubmit')}
      </button>
      {error && <p className="duty-error">{error}</p>}
    </form>
  );
}

/** Who is on duty (from the latest handover, else wall.yaml), what is open, and the handover. */
export function RosterPanel({ canWrite }: { canWrite: boolean }): ReactElement {
  const { t, i18n } = useTranslation();
  const duties = useAppStore((s) => s.duties);
  const configured = useAppStore((s) => s.wall?.config.roster);
  const roster = onDutyRoster(duties, configured) ?? [];
  const handover = latestHandover(duties);
  const open = useOpenLines();
  return (
    <section className="panel duty-roster" data-testid="duty-roster">
      <h2 className="panel__title">{t('duty.onDuty')}</h2>
      <p className="duty-muted">
        {handover
          ? t('duty.rosterFromLog', { time: dateTime(i18n.language, handover.at) })
          : t('duty.rosterFromConfig')}
      </p>
      {roster.length === 0 ? (
        <p className="panel__empty">{t('duty.rosterEmpty')}</p>
      ) : (
        <ul className="duty-people">
          {roster.map((r, i) => (
            <li key={`${r.duty}-${i}`} data-testid="duty-person">
              <span className="duty-people__post">{r.duty}</span>
              <span className="duty-people__name">{r.name}</span>
              {r.phone && <span className="duty-people__phone">{r.phone}</span>}
            </li>
          ))}
        </ul>
      )}
      <h2 className="panel__title">{t('duty.openNow')}</h2>
      {open.length === 0 ? (
        <p className="panel__empty">{t('duty.nothingOpen')}</p>
      ) : (
        <ul className="duty-open" data-testid="duty-open">
          {open.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {canWrite && (
        // Starts again from who is on duty whenever that changes (a handover, the wall's
        // settings arriving).
        <HandoverForm
          key={`${handover?.id ?? 'none'}:${roster.map((r) => r.name).join(',')}`}
          current={roster}
          open={open}
        />
      )}
    </section>
  );
}
