import { PathLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Resource, ResourceStatus } from '@cc/shared';
import { resourceIcon } from './icons';
import { RESOURCE_STATUS_COLORS } from './palette';
import { RANK } from '../placement/ranks';
import type { Rgba, Scene, SceneLabel, SceneSymbol } from '../placement/scene';
import { NAME_COLORS } from '../labels/type-scale';

/** A resource where it is now: its last position report, else its stated location. */
export interface PlacedResource {
  resource: Resource;
  location: [number, number];
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

export function resourceSymbolId(resourceId: string): string {
  return `resource:${resourceId}`;
}

const IDLE_CLUSTER: Rgba = [40, 70, 100, 230];
const ENGAGED_CLUSTER: Rgba = [...RESOURCE_STATUS_COLORS.en_route, 230];

export interface ResourceSceneInput {
  resources: PlacedResource[];
  glyph: (resource: Resource) => string;
  label: (resource: Resource) => string;
  /** Labels only when zoomed in enough for them to mean something. */
  showLabels: boolean;
  scale: number;
}

/**
 * Resources: a rounded square per unit (glyph by type, colour by status, engaged units larger).
 * Units that crowd merge into a count bubble (in the engaged colour when any of them is
 * engaged); one that lands on an incident or a label moves aside, and the units at the same
 * place gather into it.
 */
export function resourceScene(input: ResourceSceneInput): Scene {
  const { resources, glyph, label, showLabels, scale } = input;
  const symbols: SceneSymbol[] = resources.map(({ resource: r, location }) => {
    const engaged = isEngaged(r.status);
    return {
      id: resourceSymbolId(r.id),
      at: location,
      look: {
        type: 'icon',
        icon: resourceIcon(glyph(r), RESOURCE_STATUS_COLORS[r.status]),
        size: (engaged ? 34 : 26) * scale,
      },
      rank: engaged ? RANK.engagedUnit : RANK.unit,
      crowding: 'cluster',
      cluster: {
        group: 'unit',
        radius: 40 * scale,
        size: 30 * scale,
        tone: engaged ? ENGAGED_CLUSTER : IDLE_CLUSTER,
        severity: engaged ? 1 : 0,
      },
    };
  });
  const labels: SceneLabel[] = showLabels
    ? resources.map(({ resource: r, location }) => ({
        id: `${resourceSymbolId(r.id)}:label`,
        text: label(r),
        at: location,
        rank: isEngaged(r.status) ? RANK.engagedUnit : RANK.unit,
        style: 'unit',
        symbolId: resourceSymbolId(r.id),
        color: NAME_COLORS.unit,
      }))
    : [];
  return { symbols, labels };
}

/** A short trail behind moving units. */
export function createTrailLayer(trails: Trail[], scale: number): Layer {
  return new PathLayer<Trail>({
    id: 'resource-trails',
    data: trails,
    getPath: (t) => t.path,
    getColor: (t) => [...RESOURCE_STATUS_COLORS[t.status], 170],
    getWidth: 3 * scale,
    widthUnits: 'pixels',
    capRounded: true,
    jointRounded: true,
  });
}
