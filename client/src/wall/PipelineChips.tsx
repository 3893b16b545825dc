import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PIPELINE_WARNINGS, type PipelineProblem } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';

/** The words for one problem (keys `pipeline.{code}` in the message files). */
function words(p: PipelineProblem): Record<string, string | number> {
  switch (p.code) {
    case 'ingest.none':
      return {};
    case 'ingest.down':
    case 'ingest.no_broker_session':
    case 'broker.unreachable':
      return { worker: p.worker };
    case 'broker.dropped':
      return { count: p.count, minutes: Math.round(p.windowS / 60) };
  }
}

/**
 * At the head of the feed strip, what the server says about the pipeline itself (heartbeat):
 * ingest down or without its broker session, the broker unreachable (red: nothing new is
 * stored), or dropping messages (amber). Nothing when all is well.
 */
export function PipelineChips(): ReactElement | null {
  const { t } = useTranslation();
  const problems = useAppStore((s) => s.pipeline?.problems);
  if (!problems || problems.length === 0) return null;
  return (
    <ul className="feed-strip__pipeline" data-testid="pipeline">
      {problems.map((p, i) => {
        const warning = PIPELINE_WARNINGS.includes(p.code);
        return (
          <li
            key={`${p.code}:${'worker' in p ? p.worker : i}`}
            className={`feed-chip ${warning ? 'feed-chip--warning' : 'feed-chip--silent'}`}
            data-testid="pipeline-chip"
            data-code={p.code}
          >
            <span className="feed-chip__mark" aria-hidden>
              {warning ? '!' : '✕'}
            </span>
            {t(`pipeline.${p.code}`, words(p))}
          </li>
        );
      })}
    </ul>
  );
}
