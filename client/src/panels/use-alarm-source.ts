import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alarm } from '@cc/shared';
import { useAppStoreApi } from '../store/use-app-store';
import { alarmSource, alarmSourceText } from './alarm-source';

/**
 * An alarm's source in the user's language: the hazard, station, camera… it was raised on, by
 * name. Read from the store when called (the callers re-render with the alarms they show).
 */
export function useAlarmSourceText(): (alarm: Pick<Alarm, 'hazardId' | 'agency'>) => string {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  return useCallback(
    (alarm) => alarmSourceText(alarmSource(alarm, store.getState()), t),
    [store, t],
  );
}
