import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command, UnitRefusal } from '@cc/shared';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { RETRYABLE, shownState, type CommandEntry, type CommandState } from './command-log';
import { useCommandLog, useTablet } from './context';

/** A confirmed command's line stays this long. */
const CONFIRMED_MS = 4_000;

/** A command in a few words. */
function useDescribe(): (c: Command, refused?: readonly UnitRefusal[]) => string {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  return (c, refused) => {
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
      case 'incident.acknowledge':
        return t('command.commands.incidentAcknowledge', {
          title: incidents.get(c.incidentId)?.title ?? c.incidentId,
        });
      case 'dispatch':
        return refused?.length
          ? t('command.commands.dispatchPartial', {
              count: c.resourceIds.length,
              sent: c.resourceIds.length - refused.length,
              left: refused.length,
            })
          : t('command.commands.dispatch', { count: c.resourceIds.length });
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
      default:
        // The duty log's and reports' commands are sent from /duty, not the tablet.
        return c.type;
    }
  };
}

function Toast({ id, entry }: { id: string; entry: CommandEntry }): ReactElement {
  const { t } = useTranslation();
  const { log } = useTablet();
  const describe = useDescribe();
  const offline = useAppStore((s) => s.connection.state !== 'live');
  const shown = shownState(entry, offline);
  // A dispatch that left units out stays until read: the units tab offers what to send instead.
  const partial = entry.state === 'confirmed' && (entry.refused?.length ?? 0) > 0;
  useEffect(() => {
    if (entry.state !== 'confirmed' || partial) return undefined;
    const timer = setTimeout(() => log.dismiss(id), CONFIRMED_MS);
    return () => clearTimeout(timer);
  }, [entry.state, partial, id, log]);
  const alert = shown === 'refused' || partial || RETRYABLE.includes(shown as CommandState);
  return (
    <li
      className={`toast toast--${partial ? 'partial' : shown}`}
      data-testid="command-toast"
      data-state={shown}
      data-partial={partial ? '1' : undefined}
      data-type={entry.command.type}
      role={alert ? 'alert' : 'status'}
    >
      <span className="toast__what">{describe(entry.command, entry.refused)}</span>
      <span className="toast__state">{t(`command.state.${partial ? 'partial' : shown}`)}</span>
      {shown === 'refused' && entry.code && (
        <span className="toast__why" data-code={entry.code}>
          {t(`command.error.${entry.code}`)}
        </span>
      )}
      {shown === 'waiting' && <span className="toast__why">{t('command.waitingHint')}</span>}
      {shown === 'unsent' && <span className="toast__why">{t('command.unsent')}</span>}
      {RETRYABLE.includes(shown as CommandState) && (
        <button
          type="button"
          className="tablet-btn tablet-btn--small"
          data-testid="retry"
          onClick={() => void log.retry(id)}
        >
          {t('command.retry')}
        </button>
      )}
      {entry.state !== 'pending' && shown !== 'waiting' && (
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
