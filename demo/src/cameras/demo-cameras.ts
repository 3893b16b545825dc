import type { z } from 'zod';
import type { CameraMessage } from '@cc/shared';
import { CHANGZHOU_SCENARIO } from '../scenario';

/** The agency that owns the demo's cameras (the traffic police run most road cameras). */
export const DEMO_CAMERA_AGENCY = 'cz-police';

/**
 * The demo's cameras: one at the gate of every major hazard site (where the demo's serious
 * incidents happen, so a focused one has a camera within the wall's radius), looking at the
 * site, each playing a stream of `playlist(name)`. Observed at `ts`.
 */
export function demoCameras(
  playlist: (name: string) => string,
  ts: string,
): z.input<typeof CameraMessage>[] {
  return CHANGZHOU_SCENARIO.map((site, i) => {
    const [lon, lat] = site.hazard.location.coordinates;
    // 150 m south-west of the site, looking north-east at it.
    const id = `CAM-${String(i + 1).padStart(3, '0')}`;
    return {
      id,
      ts,
      name: `${site.hazard.enterprise} 门口`,
      location: { type: 'Point', coordinates: [lon - 0.0015, lat - 0.0012] },
      heading: 45,
      fov: 70,
      status: 'online',
      streams: { hls: playlist(id.toLowerCase()) },
    };
  });
}
