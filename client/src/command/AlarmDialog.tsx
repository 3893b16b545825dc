import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '@cc/shared';
import { useFormatters } from '../i18n/format';
import { useAppStore } from '../store/use-app-store';
import { useAlarmSubject } from './AlarmCards';
import { newCommandId } from './command-id';
import { useCommandLog, useTablet } from './context';
import { CommandOutcome, Modal } from './Modal';
import { tabletUi } from './ui-store';

/**
 * Acknowledging an alarm (with an optional note) and recording its disposal (处置反馈, the note
 * required). The dialog waits for the server's confirmation and shows a refusal in place.
 */
export function AlarmDialog({ alarmId }: { alarmId: string }): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { log } = useTablet();
  const alarm = useAppStore((s) => s.alarms.get(alarmId));
  const hazard = useAppStore((s) => (alarm?.hazardId ? s.hazards.get(alarm.hazardId) : undefined));
  const subject = useAlarmSubject();
  const [note, setNote] = useState('');
  const [commandId, setCommandId] = useState<string | null>(null);
  const [noteMissing, setNoteMissing] = useState(false);
  const entry = useCommandLog((s) => (commandId ? (s.entries.get(commandId) ?? null) : null));
  const busy = entry?.state === 'pending';

  async function send(type: 'alarm.ack' | 'alarm.dispose'): Promise<void> {
    const trimmed = note.trim();
    if (type === 'alarm.dispose' && !trimmed) {
      setNoteMissing(true);
      return;
    }
    setNoteMissing(false);
    const command: Command =
      type === 'alarm.ack'
        ? { type, commandId: newCommandId(), alarmId, ...(trimmed ? { note: trimmed } : {}) }
        : { type, commandId: newCommandId(), alarmId, note: trimmed };
    setCommandId(command.commandId);
    const settled = await log.submit(command);
    if (settled?.state === 'confirmed') tabletUi.setState({ dialog: null });
  }

  return (
    <Modal testId="alarm-dialog" title={t('command.alarms.dialogTitle')}>
      {alarm ? (
        <p className="tablet-note">
          {subject(alarm, hazard)} · {alarm.metric ? t(`metric.${alarm.metric}`) : ''}{' '}
          {t(`level.${alarm.level}`)} · {fmt.time(alarm.raisedAt)}
        </p>
      ) : (
        <p className="tablet-note">{t('command.alarms.gone')}</p>
      )}
      {alarm?.acknowledged && (
        <p className="tablet-note">
          {t('command.alarms.acknowledgedBy', {
            by: alarm.acknowledged.by,
            time: fmt.time(alarm.acknowledged.at),
          })}
        </p>
      )}
      <label className="tablet-field">
        <span>{t('command.alarms.note')}</span>
        <textarea
          data-testid="alarm-note"
          rows={3}
          maxLength={2_000}
          value={note}
          aria-invalid={noteMissing}
          placeholder={t('command.alarms.notePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {noteMissing && <p className="tablet-error">{t('command.alarms.noteRequired')}</p>}
      <CommandOutcome entry={entry} />
      <div className="tablet-actions">
        <button
          type="button"
          className="tablet-btn"
          data-testid="alarm-dispose"
          disabled={busy || !alarm}
          onClick={() => void send('alarm.dispose')}
        >
          {t('command.alarms.disposeSubmit')}
        </button>
        <button
          type="button"
          className="tablet-btn tablet-btn--primary"
          data-testid="alarm-ack"
          disabled={busy || !alarm}
          onClick={() => void send('alarm.ack')}
        >
          {t('command.alarms.ackSubmit')}
        </button>
      </div>
    </Modal>
  );
}
