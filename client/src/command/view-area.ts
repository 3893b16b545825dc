/** [minLon, minLat, maxLon, maxLat], as the handshake's `bbox`. */
export type BBox = [number, number, number, number];

/** The area subscribed is the visible one grown by this share of its size on every side. */
const MARGIN = 0.5;
/**
 * Zoomed in so far that the subscribed area is this many times the visible one, narrow it: the
 * padded box is 4 times the view it was made for, so this is two zoom levels in (64), not one (16).
 */
const NARROW_AT = 32;

function area([minLon, minLat, maxLon, maxLat]: BBox): number {
  return Math.max(0, maxLon - minLon) * Math.max(0, maxLat - minLat);
}

/** The visible area with a margin, so small pans stay inside what is already subscribed. */
export function paddedBox(visible: BBox, margin = MARGIN): BBox {
  const [minLon, minLat, maxLon, maxLat] = visible;
  const dx = (maxLon - minLon) * margin;
  const dy = (maxLat - minLat) * margin;
  return [
    Math.max(-180, minLon - dx),
    Math.max(-90, minLat - dy),
    Math.min(180, maxLon + dx),
    Math.min(90, maxLat + dy),
  ];
}

export function contains(outer: BBox, inner: BBox): boolean {
  return (
    inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3]
  );
}

/**
 * Whether the tablet should ask for telemetry from another area: the view has left the
 * subscribed one, or has become a small part of it (zoomed in: most telemetry would be unseen).
 */
export function needsResubscribe(subscribed: BBox | undefined, visible: BBox): boolean {
  if (!subscribed) return true;
  if (!contains(subscribed, visible)) return true;
  const visibleArea = area(visible);
  return visibleArea > 0 && area(subscribed) / visibleArea > NARROW_AT;
}
