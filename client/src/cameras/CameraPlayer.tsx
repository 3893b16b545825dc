import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { cameraCondition } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { CameraVideo } from './CameraVideo';
import { openCamera, useOpenCamera } from './camera-ui';
import './cameras.css';

/** The tablet's player: the camera tapped on the map, over the map, until closed. */
export function CameraPlayer(): ReactElement | null {
  const { t } = useTranslation();
  const id = useOpenCamera();
  const camera = useAppStore((s) => (id === null ? undefined : s.cameras.get(id)));
  const health = useAppStore((s) => (id === null ? undefined : s.cameraHealth.get(id)));
  if (!camera) return null;
  const condition = cameraCondition(camera, health);
  return (
    <section className="camera-player" data-testid="camera-player" data-camera={camera.id}>
      <header className="camera-player__header">
        <span className="camera-player__name">{camera.name}</span>
        <span className={`camera-player__condition camera-player__condition--${condition}`}>
          {t(`camera.condition.${condition}`)}
          {condition === 'unreachable' && health?.reason ? ` · ${health.reason}` : ''}
        </span>
        <button
          type="button"
          className="camera-player__close"
          aria-label={t('camera.close')}
          onClick={() => openCamera(null)}
        >
          ×
        </button>
      </header>
      {/* A new camera is a new player: nothing of the previous stream carries over. */}
      <CameraVideo key={camera.id} camera={camera} condition={condition} />
    </section>
  );
}
