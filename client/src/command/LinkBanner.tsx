import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';
import { STALE_AFTER_MS, wallStaleness } from '../store/derived';
import { useAppStore } from '../store/use-app-store';
import { useNow } from '../time/use-now';

/** A reconnect this short (a new visible area, a blip) is not worth a banner. */
const GRACE_MS = 2_000;

/**
 * Over the map while the picture may be old: why, since when, and that commands given now wait
 * for the link (they show pending and go out when it is back). The tablet's own link down says
 * so: the picture is as of the last update, sensors included, not sensors gone offline.
 */
export function LinkBanner(): ReactElement | null {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const connection = useAppStore((s) => s.connection);
  const lastMessageAt = useAppStore((s) => s.lastMessageAt);
  const serverTail = useAppStore((s) => s.serverTail);
  const now = useNow();
  const staleness = wallStaleness(connection, lastMessageAt, serverTail, now, STALE_AFTER_MS);
  if (staleness === null || (staleness === 'offline' && now - connection.since < GRACE_MS))
    return null;
  return (
    <div className="link-banner" data-testid="link-banner" data-reason={staleness} role="alert">
      {staleness === 'offline' ? (
        // The tablet's own link: what is shown is the picture as it was, not sensors gone silent.
        <>
          <strong>{t('command.link.own')}</strong>
          <span data-testid="link-picture-time">
            {lastMessageAt === null
              ? t('command.link.pictureNoData')
              : t('command.link.picture', { time: fmt.time(lastMessageAt) })}
          </span>
          <span>{t('command.link.commandsWait')}</span>
        </>
      ) : (
        <>
          <strong>{t(`stale.${staleness}`)}</strong>
          <span>
            {lastMessageAt === null
              ? t('connection.noData')
              : t('stale.lastUpdate', { time: fmt.time(lastMessageAt) })}
          </span>
        </>
      )}
    </div>
  );
}
