import { useMemo, useRef } from 'react';
import { PathLayer } from '@deck.gl/layers';
import { PathStyleExtension } from '@deck.gl/extensions';
import type { PathStyleExtensionProps } from '@deck.gl/extensions';
import type { Layer } from '@deck.gl/core';
import type { Incident } from '@cc/shared';
import type { PlacedResource } from '../map/layers/resources';
import { useAppStore } from '../store/use-app-store';
import { remainingPath } from './arrival';
import { useTabletUi } from './ui-store';
import { followedUnits, UnitTrails } from './unit-trails';

type LngLat = [number, number];

/** Where a followed unit has been (its trail), behind it. */
export const TRAIL_COLOR: [number, number, number] = [255, 92, 168];
/** The way still ahead of a dispatched unit: what is left of its road route, or a dashed straight line. */
export const AHEAD_COLOR: [number, number, number] = [255, 176, 32];

const dashed = new PathStyleExtension({ dash: true });

interface Drawn {
  resourceId: string;
  path: LngLat[];
}
interface Ahead extends Drawn {
  basis: 'road' | 'straight';
}

export interface FollowedUnits {
  /** Trails, then the ways ahead; under every symbol. */
  layers: Layer[];
  /** Units followed on their way (their routes are drawn here, not with the picked ones). */
  onTheirWay: ReadonlySet<string>;
  /**
   * What the map draws for the open incident's units, for the page to show (`data-followed`):
   * `resourceId:trailPoints:aheadBasis` per unit, space-separated, sorted.
   */
  summary: string;
}

/**
 * The units dispatched to the open incident, followed on its map: each one's trail from where it
 * was when the tablet began following it (from the live positions), and the way still ahead of
 * it while it is on its way — the rest of its road route from the point nearest where it is now,
 * or without one a dashed straight line to the incident. Trails are kept for every followed unit
 * (any open incident) while the map is up, so opening an incident shows the way already come.
 */
export function useFollowedUnits(
  incident: Incident | undefined,
  placed: readonly PlacedResource[],
): FollowedUnits {
  const orders = useAppStore((s) => s.orders);
  const resources = useAppStore((s) => s.resources);
  const routes = useTabletUi((s) =>
    incident && s.support?.incidentId === incident.id ? s.support.data?.routes : undefined,
  );
  const trails = useRef(new UnitTrails());
  const followed = useMemo(() => followedUnits(orders.values(), resources), [orders, resources]);

  const drawn = useMemo(() => {
    const at = new Map<string, LngLat>();
    for (const p of placed) if (followed.has(p.resource.id)) at.set(p.resource.id, p.location);
    // A cache fed from the store, not React state: feeding it the same positions twice is a no-op.
    trails.current.update(at);
    const mine = [...followed].filter(([, incidentId]) => incidentId === incident?.id);
    const trailData: Drawn[] = [];
    const ahead: Ahead[] = [];
    const onTheirWay = new Set<string>();
    for (const [id] of mine) {
      const trail = trails.current.trail(id);
      if (trail.length >= 2) trailData.push({ resourceId: id, path: trail });
      const here = at.get(id);
      const status = resources.get(id)?.status;
      if (!incident || !here || status === 'on_scene') continue;
      onTheirWay.add(id);
      const route = routes?.find((r) => r.resourceId === id);
      if (route?.path && route.path.length >= 2)
        ahead.push({
          resourceId: id,
          path: [here, ...remainingPath(route.path, here)],
          basis: 'road',
        });
      else ahead.push({ resourceId: id, path: [here, incident.location], basis: 'straight' });
    }
    const summary = mine
      .map(([id]) => {
        const way = ahead.find((a) => a.resourceId === id)?.basis ?? '';
        return `${id}:${trails.current.trail(id).length}:${way}`;
      })
      .sort()
      .join(' ');
    return { trailData, ahead, onTheirWay, summary };
  }, [placed, followed, incident, resources, routes]);

  const layers = useMemo((): Layer[] => {
    const road = drawn.ahead.filter((a) => a.basis === 'road');
    const straight = drawn.ahead.filter((a) => a.basis === 'straight');
    return [
      new PathLayer<Drawn>({
        id: 'unit-trails',
        data: drawn.trailData,
        getPath: (d) => d.path,
        getColor: [...TRAIL_COLOR, 230],
        getWidth: 4,
        widthUnits: 'pixels',
        capRounded: true,
        jointRounded: true,
      }),
      new PathLayer<Ahead>({
        id: 'unit-ahead-road',
        data: road,
        getPath: (d) => d.path,
        getColor: [...AHEAD_COLOR, 235],
        getWidth: 5,
        widthUnits: 'pixels',
        capRounded: true,
        jointRounded: true,
      }),
      new PathLayer<Ahead, PathStyleExtensionProps<Ahead>>({
        id: 'unit-ahead-straight',
        data: straight,
        getPath: (d) => d.path,
        getColor: [...AHEAD_COLOR, 235],
        getWidth: 3,
        widthUnits: 'pixels',
        getDashArray: [4, 3],
        dashJustified: true,
        extensions: [dashed],
      }),
    ];
  }, [drawn]);

  return { layers, onTheirWay: drawn.onTheirWay, summary: drawn.summary };
}
