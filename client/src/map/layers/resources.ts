import { IconLayer, PathLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Resource, ResourceStatus } from '@cc/shared';
import { CJK_FONT_FAMILY, LABEL_FONT_SETTINGS } from './fonts';
import { resourceIcon } from './icons';
import { RESOURCE_STATUS_COLORS } from './palette';

/** A resource where it is now: its last position report, else its stated location. */
export interface PlacedResource {
  resource: Resource;
  location: [number, number];
}

/** Several resources drawn as one bubble at low zoom. */
export interface ResourceCluster {
  location: [number, number];
  count: number;
  /** Engaged (dispatched, en route, on scene) among them. */
  engaged: number;
}

export interface Trail {
  id: string;
  status: ResourceStatus;
  path: [number, number][];
}

const ENGAGED: ReadonlySet<ResourceStatus> = new Set(['dispatched', 'en_route', 'on_scene']);

export function isEngaged(status: ResourceStatus): boolean {
  return ENGAGED.has(status);
}

export interface ResourceLayersInput {
  /** Resources drawn one by one (all of them at high zoom; the unclustered ones at low zoom). */
  singles: PlacedResource[];
  clusters: ResourceCluster[];
  trails: Trail[];
  glyph: (resource: Resource) => string;
  label: (resource: Resource) => string;
  /** Labels only when zoomed in enough for them to mean something. */
  showLabels: boolean;
  scale: number;
}

/**
 * Resources: a rounded square per unit (glyph by type, colour by status, engaged units larger),
 * a short trail behind moving ones, count bubbles where they crowd at low zoom.
 */
export function createResourceLayers(input: ResourceLayersInput): Layer[] {
  const { singles, clusters, trails, glyph, label, showLabels, scale } = input;
  const layers: Layer[] = [
    new PathLayer<Trail>({
      id: 'resource-trails',
      data: trails,
      getPath: (t) => t.path,
      getColor: (t) => [...RESOURCE_STATUS_COLORS[t.status], 170],
      getWidth: 3 * scale,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
    }),
    new ScatterplotLayer<ResourceCluster>({
      id: 'resource-clusters',
      data: clusters,
      getPosition: (c) => c.location,
      getRadius: (c) => (14 + Math.min(16, Math.sqrt(c.count) * 3)) * scale,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: (c) =>
        c.engaged > 0 ? [...RESOURCE_STATUS_COLORS.en_route, 220] : [40, 70, 100, 220],
      getLineColor: [230, 240, 255, 255],
      getLineWidth: 2 * scale,
      lineWidthUnits: 'pixels',
      updateTriggers: { getRadius: scale },
    }),
    new IconLayer<PlacedResource>({
      id: 'resource-icons',
      data: singles,
      getPosition: (r) => r.location,
      getIcon: (r) => resourceIcon(glyph(r.resource), RESOURCE_STATUS_COLORS[r.resource.status]),
      getSize: (r) => (isEngaged(r.resource.status) ? 34 : 26) * scale,
      sizeUnits: 'pixels',
      updateTriggers: { getIcon: glyph, getSize: scale },
    }),
  ];
  if (clusters.length > 0)
    layers.push(
      new TextLayer<ResourceCluster>({
        id: 'resource-cluster-counts',
        data: clusters,
        getPosition: (c) => c.location,
        getText: (c) => String(c.count),
        getSize: 15 * scale,
        getColor: [255, 255, 255, 255],
        fontFamily: CJK_FONT_FAMILY,
        fontSettings: LABEL_FONT_SETTINGS,
        fontWeight: 700,
        characterSet: '0123456789',
      }),
    );
  if (showLabels && singles.length > 0)
    layers.push(
      new TextLayer<PlacedResource>({
        id: 'resource-labels',
        data: singles,
        getPosition: (r) => r.location,
        getText: (r) => label(r.resource),
        getPixelOffset: [0, 24 * scale],
        getSize: 12 * scale,
        getColor: [230, 238, 248, 255],
        outlineWidth: 3,
        outlineColor: [8, 14, 22, 255],
        characterSet: 'auto',
        fontFamily: CJK_FONT_FAMILY,
        fontSettings: LABEL_FONT_SETTINGS,
        fontWeight: 600,
        updateTriggers: { getText: label },
      }),
    );
  return layers;
}
