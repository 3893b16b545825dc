import { useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';
import type { FeedLine } from '../store/happenings';
import { useAppStore } from '../store/use-app-store';
import { useAgencyName } from './use-agency-name';
import { useFit } from './use-fit';

/** Lines shown at most; the panel never scrolls, older lines fall off the bottom. */
const MAX_SHOWN = 18;

function Line({ line }: { line: FeedLine }): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const agency = useAgencyName(line.agency);
  const enums = Object.fromEntries(Object.entries(line.enums).map(([k, key]) => [k, t(key)]));
  return (
    <li
      className={`feed-line feed-line--${line.severity}`}
      data-testid="feed-line"
      data-severity={line.severity}
    >
      <time className="feed-line__time">{fmt.time(line.at)}</time>
      <span className="feed-line__agency">{agency}</span>
      <span className="feed-line__text">{t(line.key, { ...line.params, ...enums })}</span>
    </li>
  );
}

/** What is happening, newest first: serious lines stand out in colour and weight. */
export function EventFeed(): ReactElement {
  const { t } = useTranslation();
  const lines = useAppStore((s) => s.feedLines);
  const box = useRef<HTMLDivElement>(null);
  const shown = useFit(box, lines, Math.min(lines.length, MAX_SHOWN));
  return (
    <div
      ref={box}
      className="panel event-feed"
      data-testid="event-feed"
      data-count={lines.length}
      data-shown={shown}
    >
      <h2 className="panel__title">{t('wall.eventFeed')}</h2>
      {lines.length === 0 ? (
        <div className="situation__empty">{t('wall.noEvents')}</div>
      ) : (
        <ol className="feed-lines">
          {lines.slice(0, shown).map((line) => (
            <Line key={line.id} line={line} />
          ))}
        </ol>
      )}
    </div>
  );
}
