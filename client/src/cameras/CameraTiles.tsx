import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { cameraCondition, wallTiles } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { CameraVideo } from './CameraVideo';
import './cameras.css';

const DEFAULTS = { radiusKm: 2, tiles: 4, pinned: [] as string[] };

/**
 * The wall's video tiles: the pinned cameras (deploy/wall.yaml `cameras.pinned`), then, while the
 * wall focuses on an incident (`focusAt`), the nearest working cameras within the radius. Nothing
 * when there is nothing to play. Each tile plays straight from the agency's platform.
 */
export function CameraTiles({
  focusAt,
}: {
  focusAt: [number, number] | null;
}): ReactElement | null {
  const { t } = useTranslation();
  const settings = useAppStore((s) => s.wall?.config.cameras) ?? DEFAULTS;
  const cameras = useAppStore((s) => s.cameras);
  const health = useAppStore((s) => s.cameraHealth);
  const chosen = useMemo(
    () => wallTiles(focusAt ?? undefined, cameras, health, settings),
    [focusAt, cameras, health, settings],
  );
  if (chosen.length === 0) return null;
  return (
    <div className="camera-tiles" data-testid="camera-tiles">
      {chosen.map((camera) => (
        <figure
          key={camera.id}
          className="camera-tile"
          data-testid="camera-tile"
          data-camera={camera.id}
        >
          <CameraVideo camera={camera} condition={cameraCondition(camera, health.get(camera.id))} />
          <figcaption className="camera-tile__name">
            {settings.pinned.includes(camera.id) && (
              <span className="camera-tile__pin">{t('camera.pinned')}</span>
            )}
            {camera.name}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
