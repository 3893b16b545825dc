import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';
import type { TimelineLine } from './timeline';
import { useIncidentTimeline } from './use-timeline';

/** A timeline line in words: enum values in its values are translated first. */
function useLineText(): (line: TimelineLine) => string {
  const { t } = useTranslation();
  return (line) => {
    const v = { ...line.values };
    if (line.kind === 'incident') {
      if (line.key === 'status') v.status = t(`incidentStatus.${v.status}`);
      if (line.key === 'level') v.level = t(`incidentLevelLong.${v.level}`);
      return t(`command.timeline.${line.key}`, v);
    }
    if (line.kind === 'resource') v.status = t(`resourceStatus.${v.status}`);
    const text = t(line.key, v);
    return typeof v.reply === 'string'
      ? t('command.timeline.withReply', { text, reply: v.reply })
      : text;
  };
}

/** Every event about the incident, newest first. */
export function TimelinePanel({ incidentId }: { incidentId: string }): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { lines, complete, error } = useIncidentTimeline(incidentId);
  const text = useLineText();
  return (
    <div className="timeline" data-testid="timeline" data-complete={complete ? '1' : '0'}>
      {error && (
        <p className="tablet-error" role="alert">
          {t('command.timeline.failed')}
        </p>
      )}
      {lines.length === 0 ? (
        <p className="tablet-empty">
          {complete ? t('command.timeline.empty') : t('command.timeline.loading')}
        </p>
      ) : (
        <ol className="timeline__items">
          {lines.map((line) => (
            <li
              key={`${line.id}-${line.key}`}
              className={`timeline__line timeline__line--${line.kind}`}
              data-testid="timeline-line"
              data-kind={line.kind}
            >
              <span className="timeline__time">{fmt.time(line.at)}</span>
              <span className="timeline__text">{text(line)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
