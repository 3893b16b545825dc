import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import Supercluster from 'supercluster';
import type { Layer } from '@deck.gl/core';
import {
  incidentLevelRank,
  type Incident,
  type Resource,
  type RiskArea,
  type Warning,
} from '@cc/shared';
import { createAreaLayers, polygonsOf, type AreaPart } from '../map/layers/areas';
import { createFocusLayer, createIncidentLayers } from '../map/layers/incidents';
import { usePlacedResources } from '../map/use-placed-resources';
import {
  createResourceLayers,
  isEngaged,
  type PlacedResource,
  type ResourceCluster,
  type Trail,
} from '../map/layers/resources';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { useNow } from '../time/use-now';
import { TrailBuffer } from './trails';

/** Below this zoom, resources that crowd together are drawn as count bubbles. */
export const CLUSTER_BELOW_ZOOM = 11;
/** Resource labels from this zoom on, where units at one station no longer overlap much. */
const LABELS_FROM_ZOOM = 13;
/** From this zoom on every incident is labelled; below it, level I–III only. */
const LABEL_ALL_INCIDENTS_FROM_ZOOM = 11;
/** Incident labels drawn at most (a wall cannot be read past that; software GPUs slow down). */
const MAX_INCIDENT_LABELS = 80;
/** An incident pulses this long after it first arrives. */
export const FRESH_MS = 10 * 60_000;

/** Screen height over 1080: pixel sizes on the map grow with the wall like the panels' text. */
export function useScreenScale(): number {
  const [scale, setScale] = useState(() => window.innerHeight / 1080);
  useEffect(() => {
    const onResize = () => setScale(window.innerHeight / 1080);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return scale;
}

function cluster(all: PlacedResource[], zoom: number) {
  const index = new Supercluster<{ i: number }, { engaged: number }>({
    radius: 48,
    maxZoom: CLUSTER_BELOW_ZOOM,
    map: (p) => ({ engaged: isEngaged(all[p.i]!.resource.status) ? 1 : 0 }),
    reduce: (acc, p) => {
      acc.engaged += p.engaged;
    },
  });
  index.load(
    all.map((r, i) => ({
      type: 'Feature' as const,
      properties: { i },
      geometry: { type: 'Point' as const, coordinates: r.location },
    })),
  );
  const singles: PlacedResource[] = [];
  const clusters: ResourceCluster[] = [];
  for (const f of index.getClusters([-180, -85, 180, 85], zoom)) {
    const [lng, lat] = f.geometry.coordinates as [number, number];
    const props = f.properties as Partial<{
      cluster: boolean;
      point_count: number;
      engaged: number;
      i: number;
    }>;
    if (props.cluster) {
      clusters.push({
        location: [lng, lat],
        count: props.point_count ?? 0,
        engaged: props.engaged ?? 0,
      });
    } else if (props.i !== undefined) {
      singles.push(all[props.i]!);
    }
  }
  return { singles, clusters };
}

/**
 * At low zoom, resources in count bubbles, re-clustered at most once a second (positions move
 * at 10 Hz); zoomed in, every resource where it is now.
 */
function useClusters(placed: PlacedResource[], zoom: number, now: number) {
  const second = Math.floor(now / 1000);
  const level = Math.floor(zoom);
  const latest = useRef(placed);
  latest.current = placed;
  const clustering = zoom < CLUSTER_BELOW_ZOOM;
  const count = placed.length;
  const clustered = useMemo(
    () => (clustering && count > 0 ? cluster(latest.current, level) : null),
    [clustering, level, second, count],
  );
  return clustered ?? { singles: placed, clusters: [] as ResourceCluster[] };
}

/** Trails of moving resources, rebuilt once a second. */
function useTrails(now: number): Trail[] {
  const store = useAppStoreApi();
  const [buffer] = useState(() => new TrailBuffer());
  useEffect(() => {
    buffer.update(store.getState().positions);
    return store.subscribe((s, prev) => {
      if (s.positions !== prev.positions) buffer.update(s.positions);
    });
  }, [store, buffer]);
  const second = Math.floor(now / 1000);
  return useMemo(() => {
    const { resources } = store.getState();
    const trails: Trail[] = [];
    for (const [id, path] of buffer.trails()) {
      const status = resources.get(id)?.status ?? 'en_route';
      trails.push({ id, status, path: [...path] });
    }
    return trails;
  }, [store, buffer, second]);
}

function useAreaParts() {
  const riskareas = useAppStore((s) => s.riskareas);
  const warnings = useAppStore((s) => s.warnings);
  const incidents = useAppStore((s) => s.incidents);
  const riskParts = useMemo(
    () => [...riskareas.values()].flatMap((a) => polygonsOf<RiskArea>(a, a.geometry)),
    [riskareas],
  );
  const warningParts = useMemo(
    () =>
      [...warnings.values()].flatMap((w) =>
        w.areas.flatMap((a) => polygonsOf<Warning>(w, a.geometry)),
      ),
    [warnings],
  );
  const incidentParts = useMemo(
    () =>
      [...incidents.values()]
        .filter((i) => i.status !== 'closed' && i.area)
        .flatMap((i) => polygonsOf<Incident>(i, i.area!)),
    [incidents],
  );
  return { riskParts, warningParts, incidentParts } satisfies {
    riskParts: AreaPart<RiskArea>[];
    warningParts: AreaPart<Warning>[];
    incidentParts: AreaPart<Incident>[];
  };
}

export interface WallLayers {
  below: Layer[];
  above: Layer[];
}

/** Every layer the wall draws besides the hazards, from the store. */
export function useWallLayers(zoom: number, focusAt: [number, number] | null): WallLayers {
  const { t } = useTranslation();
  const scale = useScreenScale();
  const now = useNow();
  const blink = Math.floor(now / 1000) % 2 === 0;
  const incidentsMap = useAppStore((s) => s.incidents);
  const firstSeen = useAppStore((s) => s.firstSeen);
  const open = useMemo(
    () => [...incidentsMap.values()].filter((i) => i.status !== 'closed'),
    [incidentsMap],
  );
  const minute = Math.floor(now / 60_000);
  const fresh = useMemo(
    () =>
      open.filter((i) => {
        const seen = firstSeen.get(i.id);
        return i.status === 'reported' || (seen !== undefined && Date.now() - seen < FRESH_MS);
      }),
    // Re-evaluated each minute as incidents stop being new.
    // (`minute` is the clock's tick for this memo.)
    [open, firstSeen, minute],
  );
  // At the city overview only level I–III incidents carry a label; closer in, all of them.
  const labelAll = zoom >= LABEL_ALL_INCIDENTS_FROM_ZOOM;
  const labelled = useMemo(() => {
    const candidates = labelAll ? open : open.filter((i) => i.level !== 'IV');
    if (candidates.length <= MAX_INCIDENT_LABELS) return candidates;
    // More than a wall can read: the most severe, then the newest.
    return [...candidates]
      .sort((a, b) => incidentLevelRank(a.level) - incidentLevelRank(b.level) || b.ts - a.ts)
      .slice(0, MAX_INCIDENT_LABELS);
  }, [open, labelAll]);
  const placed = usePlacedResources();
  const { singles, clusters } = useClusters(placed, zoom, now);
  const trails = useTrails(now);
  const areas = useAreaParts();

  const incidentGlyph = useCallback((i: Incident) => t(`glyph.incident.${i.type}`), [t]);
  const incidentLabel = useCallback(
    (i: Incident) => `${t(`incidentLevel.${i.level}`)} ${i.title}`,
    [t],
  );
  const resourceGlyph = useCallback((r: Resource) => t(`glyph.resource.${r.type}`), [t]);
  const resourceLabel = useCallback(
    (r: Resource) => `${r.name} · ${t(`resourceStatus.${r.status}`)}`,
    [t],
  );
  const riskLabel = useCallback((a: RiskArea) => `${t(`riskLevel.${a.level}`)} · ${a.name}`, [t]);
  const warningLabel = useCallback(
    (w: Warning) => t('map.warningLabel', { event: w.event, signal: t(`signal.${w.signal}`) }),
    [t],
  );
  const incidentAreaLabel = useCallback(
    (i: Incident) => t('map.incidentArea', { title: i.title }),
    [t],
  );

  const below = useMemo(
    () => createAreaLayers({ ...areas, riskLabel, warningLabel, incidentAreaLabel, scale }),
    [areas, riskLabel, warningLabel, incidentAreaLabel, scale],
  );
  const resourceLayers = useMemo(
    () =>
      createResourceLayers({
        singles,
        clusters,
        trails,
        glyph: resourceGlyph,
        label: resourceLabel,
        showLabels: zoom >= LABELS_FROM_ZOOM,
        scale,
      }),
    [singles, clusters, trails, resourceGlyph, resourceLabel, zoom, scale],
  );
  const incidentLayers = useMemo(
    () =>
      createIncidentLayers({
        incidents: open,
        labelled,
        fresh,
        blink,
        glyph: incidentGlyph,
        label: incidentLabel,
        scale,
      }),
    [open, labelled, fresh, blink, incidentGlyph, incidentLabel, scale],
  );
  const focusLayer = useMemo(
    () => createFocusLayer(focusAt, blink, scale),
    [focusAt, blink, scale],
  );
  const above = useMemo(
    () => [...resourceLayers, ...incidentLayers, focusLayer],
    [resourceLayers, incidentLayers, focusLayer],
  );
  return { below, above };
}
