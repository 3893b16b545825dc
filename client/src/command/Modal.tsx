import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';
import { shownState, type CommandEntry } from './command-log';
import { useTablet } from './context';
import { tabletUi } from './ui-store';

/** A dialog over the page; closing it is always one tap away. */
export function Modal({
  testId,
  title,
  children,
}: {
  testId: string;
  title: string;
  children: ReactNode;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="modal__backdrop">
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
      >
        <div className="modal__head">
          <h2 className="modal__title">{title}</h2>
          <button
            type="button"
            className="tablet-btn tablet-btn--icon"
            data-testid="dialog-close"
            aria-label={t('command.close')}
            onClick={() => tabletUi.setState({ dialog: null })}
          >
            ×
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

/** What became of the dialog's last command, when it did not simply succeed. */
export function CommandOutcome({ entry }: { entry: CommandEntry | null }): ReactElement | null {
  const { t } = useTranslation();
  const { log } = useTablet();
  const offline = useAppStore((s) => s.connection.state !== 'live');
  if (!entry || entry.state === 'confirmed') return null;
  const shown = shownState(entry, offline);
  if (shown === 'waiting')
    return (
      <p className="tablet-note" data-testid="command-waiting" role="status">
        {t('command.state.waiting')} · {t('command.waitingHint')}
      </p>
    );
  if (entry.state === 'pending')
    return (
      <p className="tablet-note" data-testid="command-pending" role="status">
        {t('command.sending')}
      </p>
    );
  if (entry.state === 'refused')
    return (
      <p className="tablet-error" data-testid="command-refused" role="alert">
        {t('command.refused', {
          message: entry.code ? t(`command.error.${entry.code}`) : (entry.message ?? ''),
        })}
      </p>
    );
  return (
    <p className="tablet-error" data-testid={`command-${entry.state}`} role="alert">
      {t(entry.state === 'unsent' ? 'command.unsent' : 'command.unconfirmed')}{' '}
      <button
        type="button"
        className="tablet-btn tablet-btn--small"
        onClick={() => void log.retry(entry.command.commandId)}
      >
        {t('command.retry')}
      </button>
    </p>
  );
}
