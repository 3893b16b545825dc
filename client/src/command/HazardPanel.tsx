import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { HazardDetail } from '../panels/HazardDetail';
import { AlarmCards } from './AlarmCards';
import { goBack, tabletUi } from './ui-store';

/** A hazard tapped on the map or in a list: its detail and live sensors, and its alarms to handle. */
export function HazardPanel({ hazardId }: { hazardId: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <section
      className="tablet-section hazard-panel"
      data-testid="hazard-panel"
      data-hazard-id={hazardId}
    >
      <div className="incident-detail__head">
        <button
          type="button"
          className="tablet-btn tablet-btn--icon"
          data-testid="back"
          aria-label={t('command.back')}
          onClick={() => goBack(tabletUi)}
        >
          ‹
        </button>
        <h2 className="incident-detail__title">{t('detail.title')}</h2>
      </div>
      <HazardDetail />
      <h3 className="tablet-subtitle">{t('alarms.title')}</h3>
      <AlarmCards hazardId={hazardId} />
    </section>
  );
}
