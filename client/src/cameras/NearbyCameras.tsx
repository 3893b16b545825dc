import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupportResponse } from '@cc/shared';
import { formatKm } from '../command/format';
import { openCamera } from './camera-ui';
import './cameras.css';

/** Decision support's cameras near the incident, nearest first, each one tap from playing. */
export function NearbyCameras({ items }: { items: SupportResponse['cameras'] }): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="nearby-cameras" data-testid="support-cameras">
      <h3 className="tablet-subtitle">
        {t('camera.nearby')}
        <span className="tablet-count">{items.length}</span>
      </h3>
      <ul className="support-list">
        {items.map(({ camera, distanceKm, condition }) => (
          <li
            key={camera.id}
            className={`support-card nearby-camera nearby-camera--${condition}`}
            data-testid="support-camera"
            data-camera={camera.id}
            data-condition={condition}
          >
            <div className="support-card__head">
              <span className="support-card__name">{camera.name}</span>
              <button
                type="button"
                className="tablet-btn tablet-btn--small"
                onClick={() => openCamera(camera.id)}
              >
                {t('camera.play')}
              </button>
            </div>
            <div className="support-card__meta">
              <span>{t('command.km', { km: formatKm(distanceKm) })}</span>
              <span className="nearby-camera__condition">{t(`camera.condition.${condition}`)}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
