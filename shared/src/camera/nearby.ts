import { distanceKm } from '../geo/measure';
import type { Camera, CameraHealth } from '../model/entities';

type Point = readonly [number, number];

/**
 * How a camera stands, from what its agency says and what the command center's probe found:
 * `working`; `unreachable` (the probe could not fetch its playlist); or the agency's own
 * `offline` / `maintenance`. The agency's word wins: a camera it switched off is not "unreachable".
 */
export type CameraCondition = 'working' | 'unreachable' | 'offline' | 'maintenance';

export function cameraCondition(camera: Camera, health: CameraHealth | undefined): CameraCondition {
  if (camera.status !== 'online') return camera.status;
  return health?.state === 'unreachable' ? 'unreachable' : 'working';
}

export interface NearbyCamera {
  camera: Camera;
  /** Straight-line km, 3 decimals. */
  distanceKm: number;
  condition: CameraCondition;
}

/** Cameras within `radiusKm` of a point, nearest first (ties by id). Pure. */
export function camerasNear(
  at: Point,
  cameras: Iterable<Camera>,
  health: ReadonlyMap<string, CameraHealth>,
  radiusKm: number,
): NearbyCamera[] {
  const out: NearbyCamera[] = [];
  for (const camera of cameras) {
    const km = Math.round(distanceKm(at, camera.location) * 1000) / 1000;
    if (km > radiusKm) continue;
    out.push({ camera, distanceKm: km, condition: cameraCondition(camera, health.get(camera.id)) });
  }
  return out.sort((a, b) => a.distanceKm - b.distanceKm || (a.camera.id < b.camera.id ? -1 : 1));
}

/**
 * The cameras the wall plays in its tiles: the pinned ones first (in their order, whatever their
 * condition: a pinned tile says what is wrong), then the nearest working cameras within the radius
 * of the focused point, up to `tiles` in all. Pure.
 */
export function wallTiles(
  at: Point | undefined,
  cameras: ReadonlyMap<string, Camera>,
  health: ReadonlyMap<string, CameraHealth>,
  options: { radiusKm: number; tiles: number; pinned: readonly string[] },
): Camera[] {
  const chosen: Camera[] = [];
  for (const id of options.pinned) {
    const camera = cameras.get(id);
    if (camera && chosen.length < options.tiles) chosen.push(camera);
  }
  if (at === undefined) return chosen;
  for (const near of camerasNear(at, cameras.values(), health, options.radiusKm)) {
    if (chosen.length >= options.tiles) break;
    if (near.condition === 'working' && !chosen.includes(near.camera)) chosen.push(near.camera);
  }
  return chosen;
}

/** `GET /api/v1/cameras`: each camera, how it stands and what the probe last found. */
export interface CamerasResponse {
  at: number;
  cameras: { camera: Camera; condition: CameraCondition; health?: CameraHealth }[];
}
