import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TravelBasis } from '@cc/shared';
import { formatKm } from './format';

/**
 * A unit's distance and time to the incident: along the roads, or — without a road network, for
 * a unit that does not drive, or one too far from a road — a straight-line estimate marked 估.
 */
export function TravelFigures(props: {
  distanceKm: number;
  etaMinutes: number;
  basis: TravelBasis;
  className?: string;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <span className={props.className} data-basis={props.basis}>
      {t('command.km', { km: formatKm(props.distanceKm) })} ·{' '}
      {t('command.support.eta', { min: Math.max(1, props.etaMinutes) })}
      {props.basis === 'straight' && (
        <abbr
          className="eta-estimate"
          data-testid="eta-estimate"
          title={t('command.support.estimateHint')}
        >
          {t('command.support.estimate')}
        </abbr>
      )}
    </span>
  );
}
