import { PathLayer, PolygonLayer } from '@deck.gl/layers';
import { PathStyleExtension } from '@deck.gl/extensions';
import type { PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { LngLat, ProtectiveZone, Station } from '@cc/shared';
import { RANK } from '../placement/ranks';
import type { Scene } from '../placement/scene';
import type { Rgb } from './palette';

/** Toxic-release purple: apart from the signal, level and risk colours already on the map. */
export const ZONE_COLOR: Rgb = [170, 60, 220];
const ISOLATION_COLOR: Rgb = [230, 40, 40];
const WIND_COLOR: Rgb = [40, 170, 255];

type Ring = [number, number][];
const dashed = new PathStyleExtension({ dash: true });

/** A point `km` from `at` along `bearing` (flat-earth: arrows are a few hundred metres long). */
function offset(at: LngLat, km: number, bearing: number): [number, number] {
  const rad = (bearing * Math.PI) / 180;
  const dLat = (km * Math.cos(rad)) / 111.32;
  const dLng = (km * Math.sin(rad)) / (111.32 * Math.cos((at[1] * Math.PI) / 180));
  return [at[0] + dLng, at[1] + dLat];
}

/** An arrow from `at` pointing along `bearing` (shaft and two barbs), `km` long. */
export function arrowPaths(at: LngLat, bearing: number, km: number): Ring[] {
  const tip = offset(at, km, bearing);
  const tail = offset(at, -km * 0.15, bearing);
  const barb = (side: number) => offset(tip as LngLat, km * 0.35, bearing + 180 + side * 28);
  return [
    [tail, tip],
    [barb(-1), tip, barb(1)],
  ];
}

/** Arrow length for a zoom: about 60 px on screen whatever the zoom. */
export function arrowKm(zoom: number, latitude: number): number {
  const metresPerPixel = (156_543 * Math.cos((latitude * Math.PI) / 180)) / 2 ** zoom;
  return (60 * metresPerPixel) / 1000;
}

interface Arrow {
  id: string;
  path: Ring;
  color: Rgb;
}

/**
 * Protective-action zones (the downwind sector dashed purple, the isolation circle red) and wind
 * arrows: one at each station reporting wind (pointing where the air goes) and a heavier one at
 * each zone's spill, along the wind the zone used.
 */
export function createZoneLayers(
  zones: readonly ProtectiveZone[],
  stations: readonly Station[],
  zoom: number,
  scale: number,
): Layer[] {
  const arrows: Arrow[] = [];
  for (const s of stations) {
    if (!s.wind) continue;
    const paths = arrowPaths(
      s.location,
      (s.wind.direction + 180) % 360,
      arrowKm(zoom, s.location[1]),
    );
    paths.forEach((path, i) => arrows.push({ id: `${s.id}:${i}`, path, color: WIND_COLOR }));
  }
  for (const z of zones) {
    const at = z.isolation.coordinates[0]!;
    // The spill: the isolation circle's centre (the mean of its ring).
    const c: LngLat = [
      at.reduce((s, p) => s + p[0], 0) / at.length,
      at.reduce((s, p) => s + p[1], 0) / at.length,
    ];
    const paths = arrowPaths(c, z.downwind, arrowKm(zoom, c[1]) * 1.6);
    paths.forEach((path, i) => arrows.push({ id: `${z.id}:${i}`, path, color: ZONE_COLOR }));
  }
  return [
    new PolygonLayer<ProtectiveZone, PathStyleExtensionProps<ProtectiveZone>>({
      id: 'zone-sectors',
      data: zones,
      getPolygon: (z) => z.sector.coordinates as Ring[],
      getFillColor: [...ZONE_COLOR, 56],
      getLineColor: [...ZONE_COLOR, 255],
      getLineWidth: 3 * scale,
      lineWidthUnits: 'pixels',
      stroked: true,
      getDashArray: [8, 4],
      extensions: [dashed],
    }),
    new PolygonLayer<ProtectiveZone>({
      id: 'zone-isolation',
      data: zones,
      getPolygon: (z) => z.isolation.coordinates as Ring[],
      getFillColor: [...ISOLATION_COLOR, 90],
      getLineColor: [...ISOLATION_COLOR, 255],
      getLineWidth: 2.5 * scale,
      lineWidthUnits: 'pixels',
      stroked: true,
    }),
    new PathLayer<Arrow>({
      id: 'wind-arrows',
      data: arrows,
      getPath: (a) => a.path,
      getColor: (a) => [...a.color, 255],
      getWidth: 3 * scale,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
    }),
  ];
}

/** Each zone's label at the far end of its sector: chemical, distances, the wind used. */
export function zoneScene(
  zones: readonly ProtectiveZone[],
  label: (z: ProtectiveZone) => string,
): Scene {
  return {
    symbols: [],
    labels: zones.map((z) => {
      const ring = z.sector.coordinates[0]!;
      // The arc's middle vertex: the sector's far end, straight downwind.
      const far = ring[Math.floor(ring.length / 2)]!;
      return {
        id: `zone:${z.id}`,
        text: label(z),
        at: [far[0], far[1]] as LngLat,
        rank: RANK.incidentArea,
        style: 'tag' as const,
        color: [255, 255, 255] as Rgb,
        background: [...ZONE_COLOR, 220] as [number, number, number, number],
      };
    }),
  };
}
