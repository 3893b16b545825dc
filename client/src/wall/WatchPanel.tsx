import { useMemo, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGNAL_SEVERITY, type Watch } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { SIGNAL_COLORS, css } from '../map/layers/palette';
import { useFit } from './use-fit';

/** Rows shown at most (fewer when they do not fit); the rest are counted. */
const MAX_ROWS = 8;

interface Row {
  id: string;
  kind: 'hazard' | 'place';
  name: string;
  watch: Watch;
}

/**
 * 在预警区内: the hazard sources and sensitive places a warning in force covers, most severe signal
 * first, each with its signal colour (their watch flags, set by ingest).
 */
export function WatchPanel(): ReactElement {
  const { t } = useTranslation();
  const hazards = useAppStore((s) => s.hazards);
  const places = useAppStore((s) => s.places);
  const rows = useMemo(() => {
    const list: Row[] = [];
    for (const h of hazards.values())
      if (h.watch) list.push({ id: h.id, kind: 'hazard', name: h.name, watch: h.watch });
    for (const p of places.values())
      if (p.watch) list.push({ id: p.id, kind: 'place', name: p.name, watch: p.watch });
    return list.sort(
      (a, b) =>
        SIGNAL_SEVERITY[b.watch.signal] - SIGNAL_SEVERITY[a.watch.signal] ||
        (a.kind === b.kind ? 0 : a.kind === 'hazard' ? -1 : 1) ||
        a.name.localeCompare(b.name),
    );
  }, [hazards, places]);
  const box = useRef<HTMLDivElement>(null);
  const shown = useFit(box, rows, Math.min(rows.length, MAX_ROWS));
  return (
    <div
      ref={box}
      className="panel watch"
      data-testid="watch-panel"
      data-count={rows.length}
      data-shown={shown}
    >
      <h2 className="panel__title">
        {t('watch.title')} <span className="situation__total">{rows.length}</span>
      </h2>
      {rows.length === 0 ? (
        <div className="situation__empty">{t('watch.none')}</div>
      ) : (
        <ul className="warning-list">
          {rows.slice(0, shown).map((r) => (
            <li
              key={r.id}
              className="warning-item"
              data-testid="watch-item"
              data-signal={r.watch.signal}
              data-kind={r.kind}
            >
              <span
                className="warning-item__signal"
                style={{ background: css(SIGNAL_COLORS[r.watch.signal]) }}
              >
                {t(`signal.${r.watch.signal}`)}
              </span>
              <span className="warning-item__event">
                {t(`watch.${r.kind}`)} · {r.name}
              </span>
            </li>
          ))}
          {/* With no row shown the title's count says it all. */}
          {rows.length > shown && shown > 0 && (
            <li className="warning-item warning-item--more">
              {t('wall.more', { count: rows.length - shown })}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
