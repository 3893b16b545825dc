import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';
import type { Staleness } from '../store/derived';
import { useAppStore } from '../store/use-app-store';

/**
 * Across the top of the map whenever the picture may be old: says why, and when the last update
 * arrived. The panels are marked stale at the same time (the wall's `wall--stale` class).
 */
export function StaleBanner({ staleness }: { staleness: Staleness }): ReactElement | null {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const lastMessageAt = useAppStore((s) => s.lastMessageAt);
  if (staleness === null) return null;
  return (
    <div className="stale-banner" data-testid="stale-banner" data-reason={staleness} role="alert">
      <span className="stale-banner__mark" aria-hidden>
        ⚠
      </span>
      <span className="stale-banner__title">{t(`stale.${staleness}`)}</span>
      <span className="stale-banner__since">
        {lastMessageAt === null
          ? t('connection.noData')
          : t('stale.lastUpdate', { time: fmt.time(lastMessageAt) })}
      </span>
    </div>
  );
}
