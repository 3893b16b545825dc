import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportResponse } from '@cc/shared';

/** Decision support's nearest open shelters with free places (应急避难场所). */
export function SupportShelters({
  items,
}: {
  items: NonNullable<SupportResponse['shelters']>;
}): ReactElement {
  const { t } = useTranslation();
  return (
    <section data-testid="support-shelters" data-count={items.length}>
      <h3 className="support__heading">
        {t('reserves.sheltersNear')} <span className="tablet-count">{items.length}</span>
      </h3>
      {items.length === 0 ? (
        <p className="tablet-empty">{t('reserves.noShelter')}</p>
      ) : (
        <ul className="support-list">
          {items.map((s) => (
            <li key={s.shelter.id} className="support-card" data-testid="support-shelter">
              <div className="support-card__head">
                <span className="support-card__name">{s.shelter.name}</span>
                <span>{t('command.km', { km: s.distanceKm.toFixed(1) })}</span>
              </div>
              <div className="support-card__line">
                {t('reserves.free', {
                  free: s.free,
                  occupancy: s.shelter.occupancy,
                  capacity: s.shelter.capacity,
                })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
