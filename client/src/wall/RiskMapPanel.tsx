import { useMemo, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS, type RiskLevel } from '@cc/shared';
import { RISK_COLORS, css } from '../map/layers/palette';
import { countByDistrict } from './risk-counts';
import { useAppStore } from '../store/use-app-store';
import { useFit } from './use-fit';
import './risk-map.css';

/** Most severe first, as the wall reads it. */
const COLUMNS: readonly RiskLevel[] = [...RISK_LEVELS].reverse();

/** The wall's four-colour panel: enterprises per colour per district, and the totals. */
export function RiskMapPanel(): ReactElement {
  const { t } = useTranslation();
  const hazards = useAppStore((s) => s.hazards);
  const rows = useMemo(() => countByDistrict(hazards.values()), [hazards]);
  const total = (c: RiskLevel) => rows.reduce((sum, r) => sum + r.counts[c], 0);
  // The districts with enterprises, the most red, then orange… first; those that do not fit are
  // counted. A district without one has nothing to say on the wall (the totals cover the city).
  const ranked = useMemo(
    () =>
      rows
        .filter((r) => COLUMNS.some((c) => r.counts[c] > 0))
        .sort((a, b) => {
          for (const c of COLUMNS)
            if (a.counts[c] !== b.counts[c]) return b.counts[c] - a.counts[c];
          return 0;
        }),
    [rows],
  );
  const box = useRef<HTMLDivElement>(null);
  const shown = useFit(box, ranked, ranked.length);
  return (
    <div ref={box} className="panel risk-map" data-testid="risk-map" data-shown={shown}>
      <h2 className="panel__title">{t('risk.map.title')}</h2>
      <table className="risk-map__table">
        <thead>
          <tr>
            <th>{t('risk.map.district')}</th>
            {COLUMNS.map((c) => (
              <th key={c}>
                <span className="risk-map__swatch" style={{ background: css(RISK_COLORS[c]) }} />
                {t(`risk.colour.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ranked.slice(0, shown).map((r) => (
            <tr key={r.district} data-district={r.district}>
              <td>{t(`districtName.${r.district}`, { defaultValue: r.district })}</td>
              {COLUMNS.map((c) => (
                <td key={c} data-colour={c} data-value={r.counts[c]}>
                  {r.counts[c] || '·'}
                </td>
              ))}
            </tr>
          ))}
          {ranked.length > shown && (
            <tr className="risk-map__more">
              <td colSpan={COLUMNS.length + 1}>
                {t('wall.more', { count: ranked.length - shown })}
              </td>
            </tr>
          )}
          <tr className="risk-map__total" data-district="">
            <td>{t('risk.map.total')}</td>
            {COLUMNS.map((c) => (
              <td key={c} data-testid={`risk-map-total-${c}`} data-value={total(c)}>
                {total(c)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
