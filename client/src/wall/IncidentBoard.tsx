import { useMemo, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVEL_COLORS, css, textOn } from '../map/layers/palette';
import { useAppStore } from '../store/use-app-store';
import { useServerNow } from '../time/use-server-now';
import { boardRows } from './board';
import { useAge } from './use-age';
import { useFit } from './use-fit';

/** Incidents shown at most (fewer when they do not fit), and units per incident; the rest are counted. */
const MAX_ROWS = 6;
const UNITS = 3;

/**
 * 事件—力量看板: every open incident of level III and up, with the units dispatched to it, their
 * state and how long they have been in it, so the hall follows progress without a tablet.
 */
export function IncidentBoard(): ReactElement {
  const { t } = useTranslation();
  const age = useAge();
  const incidents = useAppStore((s) => s.incidents);
  const orders = useAppStore((s) => s.orders);
  const resources = useAppStore((s) => s.resources);
  const now = useServerNow();
  const rows = useMemo(
    () => boardRows(incidents, orders, resources),
    [incidents, orders, resources],
  );
  const box = useRef<HTMLElement>(null);
  const shown = useFit(box, rows, Math.min(rows.length, MAX_ROWS));
  return (
    <section
      ref={box}
      className="panel board"
      data-testid="board"
      data-count={rows.length}
      data-shown={shown}
    >
      <h2 className="panel__title">
        {t('board.title')}
        <span className="panel__sub">{t('board.count', { count: rows.length })}</span>
      </h2>
      {rows.length === 0 ? (
        <div className="situation__empty">{t('board.none')}</div>
      ) : (
        <ol className="board-rows">
          {rows.slice(0, shown).map(({ incident: i, units }) => {
            const color = LEVEL_COLORS[i.level];
            return (
              <li key={i.id} className="board-row" data-testid="board-row" data-incident-id={i.id}>
                <div className="board-row__head">
                  <span
                    className="board-row__level"
                    style={{ background: css(color), color: css(textOn(color)) }}
                  >
                    {t(`incidentLevel.${i.level}`)}
                  </span>
                  <span className="board-row__title">{i.title}</span>
                  <span className="board-row__age">{age(now - i.ts)}</span>
                </div>
                {units.length === 0 ? (
                  <div className="board-row__none">{t('board.noUnits')}</div>
                ) : (
                  <ul className="board-units">
                    {units.slice(0, UNITS).map((u) => (
                      <li
                        key={u.resourceId}
                        className={`board-unit board-unit--${u.state}`}
                        data-testid="board-unit"
                        data-resource-id={u.resourceId}
                        data-state={u.state}
                      >
                        <span className="board-unit__name">{u.name}</span>
                        <span className="board-unit__state">
                          {u.state === 'ordered'
                            ? t('board.ordered')
                            : t(`resourceStatus.${u.state}`)}
                        </span>
                        <span className="board-unit__age">{age(now - u.since)}</span>
                      </li>
                    ))}
                    {units.length > UNITS && (
                      <li className="board-unit board-unit--more">
                        {t('board.moreUnits', { count: units.length - UNITS })}
                      </li>
                    )}
                  </ul>
                )}
              </li>
            );
          })}
          {rows.length > shown && (
            <li className="attention-more">{t('board.more', { count: rows.length - shown })}</li>
          )}
        </ol>
      )}
    </section>
  );
}
