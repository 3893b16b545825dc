import { IconLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Camera, CameraCondition } from '@cc/shared';

/** A camera as the map draws it. */
export interface CameraMark {
  camera: Camera;
  condition: CameraCondition;
}

/** The field-of-view wedges appear from this zoom (a street's scale), faint. */
export const FOV_FROM_ZOOM = 15;
/** How far the wedge reaches on the ground, metres. */
const FOV_REACH_M = 120;

type Rgba = [number, number, number, number];
const COLOUR: Record<CameraCondition, Rgba> = {
  working: [94, 214, 255, 255],
  unreachable: [255, 77, 77, 255],
  offline: [140, 150, 160, 255],
  maintenance: [230, 180, 60, 255],
};

const SIZE = 64;
/** A camera seen from above, its lens pointing up (north): turned by the heading. Masked: coloured by condition. */
const CAMERA_ICON = {
  id: 'camera',
  url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 64 64">` +
      '<path d="M32 4 L44 22 L20 22 Z" fill="#fff"/>' +
      '<rect x="18" y="22" width="28" height="30" rx="5" fill="#fff"/>' +
      '<circle cx="32" cy="37" r="7" fill="#000" fill-opacity="0.55"/></svg>',
  )}`,
  width: SIZE,
  height: SIZE,
  anchorY: SIZE / 2,
  mask: true,
};

/** The wedge a camera sees, `[lon, lat]` points: its apex at the camera. Pure. */
export function fovWedge(camera: Camera, reachM = FOV_REACH_M): [number, number][] {
  const heading = camera.heading ?? 0;
  const fov = camera.fov ?? 60;
  const [lon, lat] = camera.location;
  const mPerDegLat = 111_320;
  const mPerDegLon = mPerDegLat * Math.cos((lat * Math.PI) / 180);
  const points: [number, number][] = [[lon, lat]];
  const steps = Math.max(2, Math.ceil(fov / 10));
  for (let i = 0; i <= steps; i++) {
    const bearing = ((heading - fov / 2 + (fov * i) / steps) * Math.PI) / 180;
    points.push([
      lon + (Math.sin(bearing) * reachM) / mPerDegLon,
      lat + (Math.cos(bearing) * reachM) / mPerDegLat,
    ]);
  }
  return points;
}

/**
 * Cameras on the map: an icon turned to where each looks (north-up when it has no heading),
 * coloured by how it stands; from FOV_FROM_ZOOM, a faint wedge of what it sees (cameras with a
 * heading only). `onPick` makes the icons tappable.
 */
export function createCameraLayers(options: {
  marks: readonly CameraMark[];
  zoom: number;
  scale: number;
  onPick?: ((camera: Camera) => void) | undefined;
}): Layer[] {
  const { marks, zoom, scale, onPick } = options;
  const layers: Layer[] = [];
  if (zoom >= FOV_FROM_ZOOM) {
    layers.push(
      new SolidPolygonLayer<CameraMark>({
        id: 'camera-fov',
        data: marks.filter((m) => m.camera.heading !== undefined),
        getPolygon: (m) => fovWedge(m.camera),
        getFillColor: (m) => {
          const [r, g, b] = COLOUR[m.condition];
          return [r, g, b, 46];
        },
      }),
    );
  }
  layers.push(
    new IconLayer<CameraMark>({
      id: 'cameras',
      data: marks,
      getIcon: () => CAMERA_ICON,
      getPosition: (m) => m.camera.location,
      // deck.gl turns counter-clockwise; a heading is clockwise from north.
      getAngle: (m) => -(m.camera.heading ?? 0),
      getColor: (m) => COLOUR[m.condition],
      getSize: 30 * scale,
      sizeUnits: 'pixels',
      billboard: false,
      pickable: onPick !== undefined,
      ...(onPick
        ? {
            onClick: ({ object }: { object?: CameraMark }) =>
              object ? (onPick(object.camera), true) : false,
          }
        : {}),
    }),
  );
  return layers;
}
