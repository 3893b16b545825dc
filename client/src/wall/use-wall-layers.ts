import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Layer } from '@deck.gl/core';
import {
  incidentLevelRank,
  type Incident,
  type Resource,
  type RiskArea,
  type Warning,
} from '@cc/shared';
import { areaScene, createAreaLayers, polygonsOf, type AreaPart } from '../map/layers/areas';
import { createFocusLayer, createIncidentPulseLayer, incidentScene } from '../map/layers/incidents';
import { usePlacedResources } from '../map/use-placed-resources';
import { useZoneLayers } from '../map/use-zone-layers';
import { createTrailLayer, resourceScene, type Trail } from '../map/layers/resources';
import { mergeScenes, type DrawnScene, type Scene } from '../map/placement/scene';
import { useAppStore, useAppStoreApi } from '../store/use-app-store';
import { useNow } from '../time/use-now';
import { TrailBuffer } from './trails';
import { createRiskColourLayer } from '../map/layers/risk-colours';
import { createOverdueHiddenHazardLayer } from '../map/layers/hidden-hazards-overdue';

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
  /** Under every symbol: areas, trails. */
  below: Layer[];
  /** Incidents, units and area names, placed with the hazards and the basemap's names. */
  scene: Scene;
  /** Pulses and the focus ring, where the placed symbols are drawn. */
  decorate: (drawn: DrawnScene) => Layer[];
}

/**
 * Every layer the wall draws besides the hazards, from the store. Symbols that crowd merge
 * (idle units into count bubbles) or spread (incidents, engaged units): see map/placement.
 */
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

  const zones = useZoneLayers(zoom, scale);
  const hazards = useAppStore((s) => s.hazards);
  const hiddenhazards = useAppStore((s) => s.hiddenhazards);
  const below = useMemo(
    () =>
      [
        createAreaLayers({ ...areas, scale }),
        zones.below,
        createRiskColourLayer([...hazards.values()], scale),
        createOverdueHiddenHazardLayer(hiddenhazards.values(), scale),
        createTrailLayer(trails, scale),
      ].flat(),
    [areas, zones.below, hazards, hiddenhazards, trails, scale],
  );
  const areaLabels = useMemo(
    () => areaScene({ ...areas, riskLabel, warningLabel, incidentAreaLabel, scale }),
    [areas, riskLabel, warningLabel, incidentAreaLabel, scale],
  );
  const resources = useMemo(
    () =>
      resourceScene({
        resources: placed,
        glyph: resourceGlyph,
        label: resourceLabel,
        showLabels: zoom >= LABELS_FROM_ZOOM,
        scale,
      }),
    [placed, resourceGlyph, resourceLabel, zoom, scale],
  );
  const incidents = useMemo(
    () =>
      incidentScene({
        incidents: open,
        labelled,
        glyph: incidentGlyph,
        label: incidentLabel,
        scale,
      }),
    [open, labelled, incidentGlyph, incidentLabel, scale],
  );
  const scene = useMemo(
    () => mergeScenes(incidents, resources, areaLabels, zones.scene),
    [incidents, resources, areaLabels, zones.scene],
  );
  const decorate = useCallback(
    (drawn: DrawnScene) => [
      createIncidentPulseLayer(fresh, drawn, blink, scale),
      createFocusLayer(focusAt, blink, scale),
    ],
    [fresh, blink, scale, focusAt],
  );
  return { below, scene, decorate };
}
