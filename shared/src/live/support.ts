import { z } from 'zod';
import { ResourceType } from '../feed/resource';
import { Alarm, Hazard, Place, Resource } from '../model/entities';

const LngLat = z.tuple([z.number(), z.number()]);

/** The radius decision support looks around an incident in, km: default and bounds. */
export const SUPPORT_RADIUS_KM = { default: 5, min: 0.5, max: 50 } as const;
/** At most this many available units per needed type, and this many depots. */
export const SUPPORT_MAX_CANDIDATES = 5;
export const SUPPORT_MAX_DEPOTS = 5;

/**
 * `GET /api/v1/incidents/:id/support?radiusKm=5`: what a commander weighs around an incident —
 * major hazards and sensitive places within the radius, the nearest available units of each type
 * the incident type needs, and the depots holding what it needs. Distances are straight-line km.
 */
export const SupportResponse = z.object({
  incidentId: z.string(),
  /** As asked (default 5, 0.5–50). */
  radiusKm: z.number(),
  /** Server time, epoch ms. */
  at: z.number(),
  /** Major hazards within the radius, nearest first. */
  hazards: z.array(
    z.object({
      hazard: Hazard,
      distanceKm: z.number(),
      state: z.enum(['normal', 'high', 'highhigh', 'offline']),
      /** Its active alarms. */
      alarms: z.array(Alarm),
    }),
  ),
  /** Sensitive places within the radius, nearest first. */
  places: z.array(z.object({ place: Place, distanceKm: z.number() })),
  /** Per resource type the incident type needs: the nearest available ones (max 5 per type), any distance. */
  resources: z.array(
    z.object({
      type: ResourceType,
      candidates: z.array(
        z.object({
          resource: Resource,
          location: LngLat,
          distanceKm: z.number(),
          etaMin: z.number(),
        }),
      ),
    }),
  ),
  /** Material depots holding what the incident type needs, nearest first (max 5). */
  depots: z.array(
    z.object({
      resource: Resource,
      distanceKm: z.number(),
      matches: z.array(z.object({ item: z.string(), quantity: z.number(), unit: z.string() })),
    }),
  ),
});
export type SupportResponse = z.infer<typeof SupportResponse>;
