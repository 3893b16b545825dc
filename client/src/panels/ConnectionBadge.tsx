import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';
import { isStale, STALE_AFTER_MS } from '../store/derived';
import { useAppStore } from '../store/use-app-store';
import { useNow } from '../time/use-now';

/** 实时 / 连接中 / 已断开, the time of the last update, and a stale mark when data stops. */
export function ConnectionBadge(): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const connection = useAppStore((s) => s.connection);
  // Whole seconds are enough for display and staleness, and spare 10 Hz re-renders.
  const lastMessageAt = useAppStore((s) =>
    s.lastMessageAt === null ? null : Math.floor(s.lastMessageAt / 1000) * 1000,
  );
  const now = useNow();
  // The wall's configured bound once it is known; the default before.
  const staleAfterMs =
    useAppStore((s) => s.wall?.config.staleAfterSeconds ?? STALE_AFTER_MS / 1000) * 1000;
  const stale = isStale(connection, lastMessageAt, now, staleAfterMs);

  return (
    <div
      className={`badge badge--${connection.state}${stale ? ' badge--stale' : ''}`}
      data-testid="connection"
      data-state={connection.state}
      data-stale={stale ? '1' : '0'}
      role="status"
    >
      <span className="badge__dot" aria-hidden="true" />
      <span className="badge__state">{t(`connection.${connection.state}`)}</span>
      {stale && <span className="badge__stale">{t('connection.stale')}</span>}
      <span className="badge__time">
        {lastMessageAt === null
          ? t('connection.noData')
          : t('connection.lastUpdate', { time: fmt.time(lastMessageAt) })}
      </span>
    </div>
  );
}
