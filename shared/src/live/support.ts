import { z } from 'zod';
import { ResourceType } from '../feed/resource';
import { Alarm, Camera, Hazard, Place, Resource } from '../model/entities';

const LngLat = z.tuple([z.number(), z.number()]);

/** The radius decision support looks around an incident in, km: default and bounds. */
export const SUPPORT_RADIUS_KM = { default: 5, min: 0.5, max: 50 } as const;
/** At most this many available units per needed type, and this many depots. */
export const SUPPORT_MAX_CANDIDATES = 5;
export const SUPPORT_MAX_DEPOTS = 5;
/** At most this many routes asked for in one request (`routes=`). */
export const SUPPORT_MAX_ROUTES = 20;

/**
 * How a travel time was worked out: `road` along the configured road network, `straight` by
 * straight line at the unit type's planning speed (no network, a unit that does not drive, or a
 * point too far from any road) — an estimate, and shown as one.
 */
export const TravelBasis = z.enum(['road', 'straight']);
export type TravelBasis = z.infer<typeof TravelBasis>;

/** The way a unit drives to the incident, `[lon, lat]` points from the unit to the incident. */
export const RoutePath = z.array(LngLat);

/** A unit's travel to the incident. */
export const SupportRoute = z.object({
  resourceId: z.string(),
  /** Along the route (road basis) or straight-line km. */
  distanceKm: z.number(),
  /** Rounded up. */
  etaMinutes: z.number(),
  basis: TravelBasis,
  /** Only for road basis. */
  path: RoutePath.optional(),
});
export type SupportRoute = z.infer<typeof SupportRoute>;

/**
 * `GET /api/v1/incidents/:id/support?radiusKm=5[&routes=id,…]`: what a commander weighs around an
 * incident — major hazards and sensitive places within the radius, the available units of each
 * type the incident type needs that would arrive first, and the depots holding what it needs.
 * Hazard, place and depot distances are straight-line km; units' are along the roads when a road
 * network is configured (`basis`).
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
  /**
   * Cameras within the radius, nearest first, with how each stands (`cameraCondition`); without
   * their stream addresses (a screen plays a camera from the live picture).
   */
  cameras: z.array(
    z.object({
      camera: Camera,
      distanceKm: z.number(),
      condition: z.enum(['working', 'unreachable', 'offline', 'maintenance']),
    }),
  ),
  /**
   * Per resource type the incident type needs: the available ones that would arrive first (max 5
   * per type, any distance), by travel time on roads, or by straight-line distance without a
   * network.
   */
  resources: z.array(
    z.object({
      type: ResourceType,
      candidates: z.array(
        z.object({
          resource: Resource,
          location: LngLat,
          /** Along the route (road basis) or straight-line km. */
          distanceKm: z.number(),
          /** Rounded up. */
          etaMinutes: z.number(),
          basis: TravelBasis,
        }),
      ),
    }),
  ),
  /** The units asked for with `routes=` (any status, if they have a position): how they get there. */
  routes: z.array(SupportRoute),
  /** Material depots holding what the incident type needs, nearest first (max 5). */
  depots: z.array(
    z.object({
      resource: Resource,
      distanceKm: z.number(),
      /** Live quantities from the depot's stock ledger (issues and replenishments applied). */
      matches: z.array(
        z.object({
          item: z.string(),
          quantity: z.number(),
          unit: z.string(),
          /** 最低储备, when the depot set one: below it the item is short. */
          minimum: z.number().optional(),
        }),
      ),
    }),
  ),
});
export type SupportResponse = z.infer<typeof SupportResponse>;
