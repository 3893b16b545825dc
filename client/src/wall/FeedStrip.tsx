import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';
import { useAppStore } from '../store/use-app-store';
import { PipelineChips } from './PipelineChips';

/**
 * Along the bottom: the pipeline's own problems first (ingest, broker; from the heartbeat, so
 * within seconds), then per-feed health: silent feeds first, by name, in red with the word.
 */
export function FeedStrip(): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const wall = useAppStore((s) => s.wall);
  const feeds = useMemo(
    () =>
      [...(wall?.feeds ?? [])].sort(
        (a, b) => Number(b.silent) - Number(a.silent) || a.agency.localeCompare(b.agency),
      ),
    [wall],
  );
  const silent = feeds.filter((f) => f.silent).length;
  return (
    <footer
      className="feed-strip"
      data-testid="feed-strip"
      data-feeds={feeds.length}
      data-silent={silent}
    >
      <span className="feed-strip__summary">
        {wall === null
          ? t('wall.feedsUnknown')
          : t('wall.feedsSummary', { healthy: feeds.length - silent, total: feeds.length })}
      </span>
      {wall && (
        <span className="feed-strip__at">{t('wall.feedsAt', { time: fmt.time(wall.at) })}</span>
      )}
      <PipelineChips />
      <ul className="feed-strip__list">
        {feeds.map((f) => (
          <li
            key={f.agency}
            className={`feed-chip ${f.silent ? 'feed-chip--silent' : 'feed-chip--ok'}`}
            data-testid="feed-chip"
            data-agency={f.agency}
            data-silent={f.silent ? '1' : '0'}
            data-outside={f.outsideArea ? '1' : '0'}
          >
            <span className="feed-chip__mark" aria-hidden>
              {f.silent ? '✕' : '✓'}
            </span>
            {f.name ?? f.agency}
            {f.silent && (
              <span className="feed-chip__state">
                {f.lastMessageAt === null
                  ? t('wall.feedNever')
                  : t('wall.feedSilentSince', { time: fmt.time(f.lastMessageAt) })}
              </span>
            )}
            {f.outsideArea && <span className="feed-chip__outside">{t('wall.feedOutside')}</span>}
          </li>
        ))}
      </ul>
    </footer>
  );
}
