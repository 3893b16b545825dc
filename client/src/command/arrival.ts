import { distanceKm, type Position, type SupportRoute } from '@cc/shared';
import { minutesLeft } from './units';

type LngLat = readonly [number, number];

/** Planar offset in km between two nearby points (longitude scaled by the latitude's cosine). */
function planar(origin: LngLat, p: LngLat): [number, number] {
  const kmPerDeg = 111.32;
  const cos = Math.cos((origin[1] * Math.PI) / 180);
  return [(p[0] - origin[0]) * kmPerDeg * cos, (p[1] - origin[1]) * kmPerDeg];
}

/**
 * Where `at` falls on `path` (nearest point of the nearest segment) and the way from there on:
 * the projected point followed by the rest of the path. A path of fewer than two points is
 * returned as it is. Pure.
 */
export function remainingPath(path: readonly LngLat[], at: LngLat): [number, number][] {
  if (path.length < 2) return path.map((p) => [p[0], p[1]]);
  let best = { d2: Infinity, segment: 0, point: [path[0]![0], path[0]![1]] as [number, number] };
  for (let i = 0; i + 1 < path.length; i++) {
    const a = path[i]!;
    const b = path[i + 1]!;
    const [bx, by] = planar(a, b);
    const [px, py] = planar(a, at);
    const len2 = bx * bx + by * by;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / len2));
    const dx = px - t * bx;
    const dy = py - t * by;
    const d2 = dx * dx + dy * dy;
    if (d2 < best.d2)
      best = { d2, segment: i, point: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] };
  }
  return [best.point, ...path.slice(best.segment + 1).map((p): [number, number] => [p[0], p[1]])];
}

/** Length of a path, km. */
export function pathKm(path: readonly LngLat[]): number {
  let km = 0;
  for (let i = 0; i + 1 < path.length; i++) km += distanceKm(path[i]!, path[i + 1]!);
  return km;
}

/**
 * The share of the way still to go from `at`: along the road route when it has one (from the
 * nearest point of the route on), else in a straight line to the incident, over the distance the
 * route was worked out for. 0…1 (a unit further away than at the start counts as 1). Pure.
 */
export function shareLeft(route: SupportRoute, at: LngLat, incidentAt: LngLat): number {
  const whole = route.path && route.path.length >= 2 ? pathKm(route.path) : route.distanceKm;
  if (whole <= 0) return 0;
  const left =
    route.path && route.path.length >= 2
      ? pathKm(remainingPath(route.path, at))
      : distanceKm(at, incidentAt);
  return Math.min(1, left / whole);
}

/**
 * Whole minutes until a unit on its way is there, counting down. Decision support gave the ETA
 * (`route.etaMinutes`) at server time `at`, from where the unit was then. A position reported
 * since then re-anchors it: the ETA scaled by the share of the way still to go from there (the
 * route's own average speed), as of the position's time. From the anchor the time counts down
 * with the clock (`now`, server time), so a unit whose tracker falls silent still counts down.
 * 0 once due. Pure.
 */
export function arrivalMinutes(input: {
  route: SupportRoute;
  at: number;
  now: number;
  incidentAt: LngLat;
  position?: Pick<Position, 'ts' | 'location'> | undefined;
}): number {
  const { route, at, now, incidentAt, position } = input;
  const anchor =
    position && position.ts >= at
      ? {
          ts: position.ts,
          minutes: route.etaMinutes * shareLeft(route, position.location, incidentAt),
        }
      : { ts: at, minutes: route.etaMinutes };
  return minutesLeft(anchor.minutes, anchor.ts, Math.max(now, anchor.ts));
}
