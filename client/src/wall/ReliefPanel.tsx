import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DisasterTotals } from './DisasterTotals';
import { ReservesBlock } from './ReservesBlock';

/**
 * 救灾保障 on the wall: fire-rescue coverage gaps, reserves below minimum, shelter occupancy and
 * the disaster officers' verified figures. Its own panel in the right column (the left column's
 * panels already fill 1080 lines at the hall's type size, docs/wall.md).
 */
export function ReliefPanel(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="panel relief-panel" data-testid="relief-panel">
      <h2 className="panel__title">{t('wall.relief')}</h2>
      <ReservesBlock />
      <DisasterTotals />
    </div>
  );
}
