import gcoord from 'gcoord';
import type { BasemapConfig } from '@cc/shared';
import type { LngLat } from './placement/scene';

/**
 * Where the map draws a WGS-84 position. On a GCJ-02 basemap (raster tiles from a Chinese web
 * map) everything the product draws is moved by the GCJ-02 offset at the view's centre (400–500 m
 * around Changzhou, varying by a few metres across a street-level view, under a pixel), so it
 * lands on the tiles' own features; positions read off the map are moved back.
 */
export interface MapFrame {
  /** True when positions are shifted (a GCJ-02 basemap). */
  shifted: boolean;
  /** The shift (degrees) to add to a WGS-84 position near `at`. */
  shiftAt(at: LngLat): LngLat;
  /** A WGS-84 position as the map draws it. */
  toMap(p: LngLat): LngLat;
  /** A position read off the map (a tap, the view's bounds) in WGS-84. */
  fromMap(p: LngLat): LngLat;
}

const IDENTITY: MapFrame = {
  shifted: false,
  shiftAt: () => [0, 0],
  toMap: (p) => p,
  fromMap: (p) => p,
};

const GCJ02: MapFrame = {
  shifted: true,
  shiftAt(at) {
    const [x, y] = gcoord.transform(at, gcoord.WGS84, gcoord.GCJ02) as LngLat;
    return [x - at[0], y - at[1]];
  },
  toMap: (p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as LngLat,
  fromMap: (p) => gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84) as LngLat,
};

/** The frame a basemap needs. */
export function frameFor(config: BasemapConfig): MapFrame {
  return config.kind === 'raster' && config.crs === 'GCJ02' ? GCJ02 : IDENTITY;
}

let current: MapFrame = IDENTITY;

/** The page's frame (one basemap per page), set when its configuration arrives. */
export function mapFrame(): MapFrame {
  return current;
}

export function setMapFrame(frame: MapFrame): void {
  current = frame;
}
