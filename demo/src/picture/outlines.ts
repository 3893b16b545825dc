import { districtsForCode, type LngLat } from '@cc/shared';

/** Perpendicular distance of `p` from the segment a–b, in degrees (fine at this scale). */
function offset(p: LngLat, a: LngLat, b: LngLat): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t =
    len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker: the points of `line` that keep it within `tolerance` of the original. */
export function simplify(line: readonly LngLat[], tolerance: number): LngLat[] {
  if (line.length <= 2) return [...line];
  const first = line[0]!;
  const last = line[line.length - 1]!;
  let worst = 0;
  let at = 0;
  for (let i = 1; i < line.length - 1; i++) {
    const d = offset(line[i]!, first, last);
    if (d > worst) [worst, at] = [d, i];
  }
  if (worst <= tolerance) return [first, last];
  const left = simplify(line.slice(0, at + 1), tolerance);
  return [...left.slice(0, -1), ...simplify(line.slice(at), tolerance)];
}

/**
 * A district's outline (GB/T 2260 code) from the bundled outlines, simplified to about 1 km so a
 * CAP `<polygon>` stays a few hundred points at most: closed, longitude first.
 */
export function districtOutline(code: string, tolerance = 0.008): { name: string; ring: LngLat[] } {
  const [district] = districtsForCode(code);
  if (!district) throw new Error(`no outline for district ${code}`);
  const g = district.geometry;
  // The largest polygon's outer ring: enclaves and islands are not worth a warning's polygon.
  const rings = g.type === 'Polygon' ? [g.coordinates[0]!] : g.coordinates.map((p) => p[0]!);
  const outer = rings.reduce((a, b) => (b.length > a.length ? b : a));
  // Split the closed ring in two so the first and last points of each half are distinct.
  const half = Math.floor(outer.length / 2);
  const ring = [
    ...simplify(outer.slice(0, half + 1), tolerance).slice(0, -1),
    ...simplify(outer.slice(half), tolerance),
  ];
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]]);
  return { name: district.name, ring };
}
