import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS, type RiskLevel } from '@cc/shared';
import { RISK_COLORS, css } from '../map/layers/palette';
import { countByDistrict } from './risk-counts';
import { useAppStore } from '../store/use-app-store';
import './risk-map.css';

/** Most severe first, as the wall reads it. */
const COLUMNS: readonly RiskLevel[] = [...RISK_LEVELS].reverse();

/** The wall's four-colour panel: enterprises per colour per district, and the totals. */
export function RiskMapPanel(): ReactElement {
  const { t } = useTranslation();
  const hazards = useAppStore((s) => s.hazards);
  const rows = useMemo(() => countByDistrict(hazards.values()), [hazards]);
  const total = (c: RiskLevel) => rows.reduce((sum, r) => sum + r.counts[c], 0);
  return (
    <div className="panel risk-map" data-testid="risk-map">
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
          {rows.map((r) => (
            <tr key={r.district} data-district={r.district}>
              <td>{t(`districtName.${r.district}`, { defaultValue: r.district })}</td>
              {COLUMNS.map((c) => (
                <td key={c} data-colour={c} data-value={r.counts[c]}>
                  {r.counts[c] || '·'}
                </td>
              ))}
            </tr>
          ))}
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
