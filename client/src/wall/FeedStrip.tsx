import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedState, WallFeed } from '@cc/shared';
import { useFormatters } from '../i18n/format';
import { useAppStore } from '../store/use-app-store';
import { PipelineChips } from './PipelineChips';

/** Interrupted feeds first, then those not reporting yet, then the healthy. */
const ORDER: Record<FeedState, number> = { silent: 0, never: 1, ok: 2 };
const MARK: Record<FeedState, string> = { silent: '✕', never: '–', ok: '✓' };

function stateOf(f: WallFeed): FeedState {
  return f.state;
}

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
        (a, b) => ORDER[stateOf(a)] - ORDER[stateOf(b)] || a.agency.localeCompare(b.agency),
      ),
    [wall],
  );
  const silent = feeds.filter((f) => stateOf(f) === 'silent').length;
  const never = feeds.filter((f) => stateOf(f) === 'never').length;
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
          : t('wall.feedsSummary', {
              healthy: feeds.length - silent - never,
              total: feeds.length - never,
            })}
      </span>
      {wall && (
        <span className="feed-strip__at">{t('wall.feedsAt', { time: fmt.time(wall.at) })}</span>
      )}
      <PipelineChips />
      <ul className="feed-strip__list">
        {feeds.map((f) => {
          const state = stateOf(f);
          return (
            <li
              key={f.agency}
              className={`feed-chip feed-chip--${state}`}
              data-testid="feed-chip"
              data-agency={f.agency}
              data-state={state}
              data-silent={state === 'silent' ? '1' : '0'}
              data-outside={f.outsideArea ? '1' : '0'}
              title={
                f.expectedIntervalSeconds === undefined
                  ? undefined
                  : t('wall.feedInterval', { minutes: Math.round(f.expectedIntervalSeconds / 60) })
              }
            >
              <span className="feed-chip__mark" aria-hidden>
                {MARK[state]}
              </span>
              {f.name ?? f.agency}
              {state === 'never' && <span className="feed-chip__state">{t('wall.feedNever')}</span>}
              {state === 'silent' && f.lastMessageAt !== null && (
                <span className="feed-chip__state">
                  {t('wall.feedSilentSince', { time: fmt.time(f.lastMessageAt) })}
                </span>
              )}
              {f.outsideArea && <span className="feed-chip__outside">{t('wall.feedOutside')}</span>}
            </li>
          );
        })}
      </ul>
    </footer>
  );
}
