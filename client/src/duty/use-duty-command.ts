import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendDutyCommand } from './api';

/**
 * Sends a duty command and keeps its outcome for the form: `busy` while waiting, the refusal's
 * message when the server refused it. Resolves true once confirmed.
 */
export function useDutyCommand() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function send(command: Record<string, unknown>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const result = await sendDutyCommand(command);
      if (!result.ok) setError(t('duty.failed', { message: result.message }));
      return result.ok;
    } catch (err) {
      setError(t('duty.failed', { message: (err as Error).message }));
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { send, busy, error };
}
