import { useMemo } from 'react';
import type { Layer } from '@deck.gl/core';
import { cameraCondition, type Camera } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { createCameraLayers, FOV_FROM_ZOOM, type CameraMark } from './camera-layer';

/** Every camera with how it stands, rebuilt only when cameras or their health change. */
export function useCameraMarks(): CameraMark[] {
  const cameras = useAppStore((s) => s.cameras);
  const health = useAppStore((s) => s.cameraHealth);
  return useMemo(
    () =>
      [...cameras.values()].map((camera) => ({
        camera,
        condition: cameraCondition(camera, health.get(camera.id)),
      })),
    [cameras, health],
  );
}

/** The camera layer of a screen (under every placed symbol). */
export function useCameraLayers(
  zoom: number,
  scale: number,
  onPick?: (camera: Camera) => void,
): Layer[] {
  const marks = useCameraMarks();
  // Only whether the wedges show matters, not every zoom step.
  const wedges = zoom >= FOV_FROM_ZOOM;
  return useMemo(
    () => createCameraLayers({ marks, zoom: wedges ? FOV_FROM_ZOOM : 0, scale, onPick }),
    [marks, wedges, scale, onPick],
  );
}
