import { useEffect, useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '@cc/shared';
import { SignIn, SignOutButton } from '../auth/SignIn';
import { currentSession } from '../command/identity';
import { ConnectionBadge } from '../panels/ConnectionBadge';
import { useAppStore } from '../store/use-app-store';
import { useServerNow } from '../time/use-server-now';
import { WallClock } from '../wall/WallClock';
import { DutyLog } from './DutyLog';
import { dateTime } from './draft';
import { span } from './report-clock';
import { ReportsPanel } from './ReportsPanel';
import { RosterPanel } from './RosterPanel';
import './duty.css';

/** The overdue reports' alarms, as the wall's alarm list shows them. */
function OverdueAlarms(): ReactElement {
  const { t, i18n } = useTranslation();
  const alarms = useAppStore((s) => s.alarms);
  const reports = useAppStore((s) => s.reports);
  const incidents = useAppStore((s) => s.incidents);
  const now = useServerNow();
  const overdue = [...alarms.values()]
    .filter((a) => a.cause === 'report_overdue')
    .sort((a, b) => a.raisedAt - b.raisedAt);
  return (
    <section
      className={`panel duty-overdue${overdue.length > 0 ? ' duty-overdue--active' : ''}`}
      data-testid="duty-overdue-alarms"
      data-count={overdue.length}
    >
      <h2 className="panel__title">
        {t('duty.overdueAlarms')}
        <span className={`pill${overdue.length > 0 ? ' pill--alarm' : ''}`}>{overdue.length}</span>
      </h2>
      {overdue.length === 0 ? (
        <p className="panel__empty">{t('duty.noOverdue')}</p>
      ) : (
        <ul>
          {overdue.map((a) => {
            const report = a.reportId ? reports.get(a.reportId) : undefined;
            const incident = a.incidentId ? incidents.get(a.incidentId) : undefined;
            return (
              <li key={a.id} data-testid="duty-overdue-alarm">
                {t('alarms.reportOverdue', {
                  stage: report ? t(`duty.stage.${report.stage}`, { seq: report.seq }) : '',
                  title: incident?.title ?? a.incidentId ?? '',
                })}{' '}
                ·{' '}
                {report
                  ? t('duty.overdueBy', { time: span(now - report.dueAt) })
                  : dateTime(i18n.language, a.raisedAt)}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * The duty officer's screen (`/duty`): who is on duty and the shift handover, the duty log
 * (notes, calls received), and reports up the chain (信息报送) with their deadline clocks,
 * versions, sending and printing. Entries and reports are commands: confirmed once stored, and
 * seen by every screen. An account without the duty permission reads without writing.
 */
export function DutyApp(): ReactElement {
  const { t, i18n } = useTranslation();
  const session = useAppStore((s) => s.auth.session);
  const signIn = useAppStore((s) => s.auth.signIn);
  const identity = useMemo(
    () => (signIn === null ? currentSession(window.localStorage, Date.now())?.identity : undefined),
    [session, signIn],
  );
  const canWrite = can(identity, 'duty');
  useEffect(() => {
    document.title = `${t('duty.title')} · ${t('app.title')}`;
  }, [t, i18n.language]);
  return (
    <div className="duty" data-testid="duty" data-can-write={canWrite ? '1' : '0'}>
      <header className="duty-header">
        <h1 className="duty-header__title">{t('duty.title')}</h1>
        {identity?.name && <span className="duty-header__who">{identity.name}</span>}
        {!canWrite && <span className="duty-muted">{t('duty.readOnly')}</span>}
        <ConnectionBadge />
        <WallClock />
        <SignOutButton />
      </header>
      <aside className="duty__left">
        <RosterPanel canWrite={canWrite} />
      </aside>
      <main className="duty__centre">
        <DutyLog canWrite={canWrite} />
      </main>
      <aside className="duty__right">
        <OverdueAlarms />
        <ReportsPanel canWrite={canWrite} />
      </aside>
      <SignIn />
    </div>
  );
}
