import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '@cc/shared';
import { useAppStoreApi } from '../store/use-app-store';
import { RETRYABLE, type CommandEntry } from './command-log';
import { useCommandLog, useTablet } from './context';

/** A confirmed command's line stays this long. */
const CONFIRMED_MS = 4_000;

/** A command in a few words. */
function useDescribe(): (c: Command) => string {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  return (c) => {
    const { incidents, resources } = store.getState();
    switch (c.type) {
      case 'incident.create':
        return t('command.commands.incidentCreate', { title: c.incident.title });
      case 'incident.update':
        return t('command.commands.incidentUpdate', {
          title: incidents.get(c.incidentId)?.title ?? c.incidentId,
        });
      case 'incident.status':
        return t('command.commands.incidentStatus', { status: t(`incidentStatus.${c.status}`) });
      case 'dispatch':
        return t('command.commands.dispatch', { count: c.resourceIds.length });
      case 'recall':
        return t('command.commands.recall', {
          name: resources.get(c.resourceId)?.name ?? c.resourceId,
        });
      case 'alarm.ack':
        return t('command.commands.alarmAck');
      case 'alarm.dispose':
        return t('command.commands.alarmDispose');
      case 'zone.override':
        return t('command.commands.zoneOverride');
    }
  };
}

function Toast({ id, entry }: { id: string; entry: CommandEntry }): ReactElement {
  const { t } = useTranslation();
  const { log } = useTablet();
  const describe = useDescribe();
  useEffect(() => {
    if (entry.state !== 'confirmed') return undefined;
    const timer = setTimeout(() => log.dismiss(id), CONFIRMED_MS);
    return () => clearTimeout(timer);
  }, [entry.state, id, log]);
  return (
    <li
      className={`toast toast--${entry.state}`}
      data-testid="command-toast"
      data-state={entry.state}
      data-type={entry.command.type}
      role={entry.state === 'refused' || RETRYABLE.includes(entry.state) ? 'alert' : 'status'}
    >
      <span className="toast__what">{describe(entry.command)}</span>
      <span className="toast__state">{t(`command.state.${entry.state}`)}</span>
      {entry.state === 'refused' && entry.message && (
        <span className="toast__why">{entry.message}</span>
      )}
      {entry.state === 'unsent' && <span className="toast__why">{t('command.unsent')}</span>}
      {RETRYABLE.includes(entry.state) && (
        <button
          type="button"
          className="tablet-btn tablet-btn--small"
          onClick={() => void log.retry(id)}
        >
          {t('command.retry')}
        </button>
      )}
      {entry.state !== 'pending' && (
        <button
          type="button"
          className="tablet-btn tablet-btn--small tablet-btn--icon"
          aria-label={t('command.close')}
          onClick={() => log.dismiss(id)}
        >
          ×
        </button>
      )}
    </li>
  );
}

/**
 * Every command this tablet sent and what became of it: pending until the server answers,
 * confirmed (briefly), refused with the reason, or unconfirmed or unsent with a retry.
 */
export function CommandToasts(): ReactElement {
  const entries = useCommandLog((s) => s.entries);
  const shown = [...entries].slice(-4).reverse();
  return (
    <ul className="toasts" data-testid="command-toasts" aria-live="polite">
      {shown.map(([id, entry]) => (
        <Toast key={id} id={id} entry={entry} />
      ))}
    </ul>
  );
}
