import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import {
  circleToPolygon,
  type Incident,
  type Place,
  type Resource,
  type SupportRoute,
  type Warning,
} from '@cc/shared';
import { areaScene, createAreaLayers, polygonsOf } from '../map/layers/areas';
import { createFocusLayer, createIncidentPulseLayer, incidentScene } from '../map/layers/incidents';
import { resourceScene, resourceSymbolId, type PlacedResource } from '../map/layers/resources';
import { RANK } from '../map/placement/ranks';
import {
  mergeScenes,
  type DrawnScene,
  type Rgba,
  type Scene,
  type SceneLabel,
  type SceneSymbol,
} from '../map/placement/scene';
import { useZoneLayers } from '../map/use-zone-layers';
import { usePlacedResources } from '../map/use-placed-resources';
import { useAppStore } from '../store/use-app-store';
import { useNow } from '../time/use-now';
import { useTabletUi } from './ui-store';
import { useFollowedUnits } from './use-followed-units';

/** Resource labels from this zoom on. */
const LABELS_FROM_ZOOM = 12;
const PLACE_COLOR: [number, number, number] = [186, 104, 255];
/** Routes to the incident: of a unit picked for dispatch, and of one dispatched and on its way. */
export const ROUTE_PICKED_COLOR: [number, number, number] = [0, 229, 255];
export const ROUTE_DISPATCHED_COLOR: [number, number, number] = [255, 176, 32];
const NO_LAYERS: Layer[] = [];

/** Places (schools, hospitals, …): small dots that merge where they crowd. */
function placeScene(places: Place[], labelled: Place[], peopleLabel: (p: Place) => string): Scene {
  const tone: Rgba = [...PLACE_COLOR, 230];
  const known = new Set(places.map((p) => p.id));
  const all = [...places, ...labelled.filter((p) => !known.has(p.id))];
  const symbols: SceneSymbol[] = all.map((p) => ({
    id: `place:${p.id}`,
    at: p.location,
    look: { type: 'dot', radius: 6, fill: tone, line: [255, 255, 255, 230], lineWidth: 1.5 },
    rank: RANK.place,
    crowding: 'cluster',
    cluster: { group: 'place', radius: 16, size: 18, tone, severity: 0 },
  }));
  const labels: SceneLabel[] = labelled.map((p) => ({
    id: `place:${p.id}:label`,
    text: peopleLabel(p),
    at: p.location,
    rank: RANK.place,
    style: 'tag',
    symbolId: `place:${p.id}`,
    color: [255, 255, 255],
    background: [...PLACE_COLOR, 220],
  }));
  return { symbols, labels };
}

/**
 * The open incident's radius and the road routes of the picked and dispatched units (under
 * everything; decision support returns the routes), and the places decision support lists.
 */
function useSupport(incident: Incident | undefined, onTheirWay: ReadonlySet<string>) {
  const radiusKm = useTabletUi((s) => s.radiusKm);
  const support = useTabletUi((s) =>
    incident && s.support?.incidentId === incident.id ? s.support.data : null,
  );
  const picked = useTabletUi((s) => s.picked);
  const radius = useMemo((): Layer[] => {
    if (!incident) return NO_LAYERS;
    const ring = circleToPolygon(incident.location, radiusKm);
    // A unit followed on its way has its way ahead drawn with its trail (use-followed-units).
    const routes = (support?.routes ?? []).flatMap((r) =>
      r.path && (picked.has(r.resourceId) || !onTheirWay.has(r.resourceId))
        ? [{ ...r, path: r.path }]
        : [],
    );
    return [
      new PolygonLayer<{ polygon: [number, number][][] }>({
        id: 'support-radius',
        data: [{ polygon: ring.coordinates as [number, number][][] }],
        getPolygon: (d) => d.polygon,
        getFillColor: [79, 157, 222, 22],
        getLineColor: [79, 157, 222, 220],
        getLineWidth: 2,
        lineWidthUnits: 'pixels',
        stroked: true,
      }),
      new PathLayer<SupportRoute & { path: [number, number][] }>({
        id: 'support-routes',
        data: routes,
        getPath: (r) => r.path,
        getColor: (r) => [
          ...(picked.has(r.resourceId) ? ROUTE_PICKED_COLOR : ROUTE_DISPATCHED_COLOR),
          235,
        ],
        getWidth: 5,
        widthUnits: 'pixels',
        capRounded: true,
        jointRounded: true,
        updateTriggers: { getColor: picked },
      }),
    ];
  }, [incident, radiusKm, support, picked, onTheirWay]);
  const places = useMemo(() => support?.places.map((p) => p.place) ?? [], [support]);
  const suggested = useMemo(
    () => new Set(support?.resources.flatMap((g) => g.candidates.map((c) => c.resource.id)) ?? []),
    [support],
  );
  return { radius, places, suggested };
}

/** Rings on the units picked or suggested, where their squares are drawn. */
function createUnitRings(
  placed: PlacedResource[],
  suggested: ReadonlySet<string>,
  picked: ReadonlySet<string>,
  drawn: DrawnScene,
): Layer {
  const rings = placed.filter((p) => suggested.has(p.resource.id) || picked.has(p.resource.id));
  return new ScatterplotLayer<PlacedResource>({
    id: 'support-unit-rings',
    data: rings,
    getPosition: (p) => drawn.drawnAt.get(resourceSymbolId(p.resource.id)) ?? p.location,
    getRadius: (p) => (picked.has(p.resource.id) ? 24 : 19),
    radiusUnits: 'pixels',
    stroked: true,
    filled: false,
    getLineColor: (p) => (picked.has(p.resource.id) ? [255, 255, 255, 255] : [79, 157, 222, 230]),
    getLineWidth: (p) => (picked.has(p.resource.id) ? 4 : 2),
    lineWidthUnits: 'pixels',
    updateTriggers: {
      getPosition: drawn,
      getRadius: picked,
      getLineColor: picked,
      getLineWidth: picked,
    },
  });
}

export interface CommandLayers {
  /** Under every symbol: areas and the open incident's radius. A unit's route line goes here. */
  below: Layer[];
  /** Incidents, units, places and area names, placed with the hazards and the basemap's names. */
  scene: Scene;
  /** Pulses, the open incident's ring and rings on picked units, where symbols are drawn. */
  decorate: (drawn: DrawnScene) => Layer[];
  /** The open incident's followed units as drawn (see useFollowedUnits' `summary`). */
  followed: string;
}

/** Everything the tablet's map draws besides the hazards (which MapView draws itself). */
export function useCommandLayers(
  zoom: number,
  selectedIncidentId: string | null,
  onSelectIncident: (id: string) => void,
): CommandLayers {
  const { t } = useTranslation();
  const blink = Math.floor(useNow() / 1000) % 2 === 0;
  const incidentsMap = useAppStore((s) => s.incidents);
  const warnings = useAppStore((s) => s.warnings);
  const placesMap = useAppStore((s) => s.places);
  const picked = useTabletUi((s) => s.picked);
  const open = useMemo(
    () => [...incidentsMap.values()].filter((i) => i.status !== 'closed'),
    [incidentsMap],
  );
  const selected = selectedIncidentId === null ? undefined : incidentsMap.get(selectedIncidentId);
  const placed = usePlacedResources();
  const allPlaces = useMemo(() => [...placesMap.values()], [placesMap]);
  const followed = useFollowedUnits(selected, placed);
  const support = useSupport(selected, followed.onTheirWay);

  const warningLabel = useCallback(
    (w: Warning) => t('map.warningLabel', { event: w.event, signal: t(`signal.${w.signal}`) }),
    [t],
  );
  const incidentAreaLabel = useCallback(
    (i: Incident) => t('map.incidentArea', { title: i.title }),
    [t],
  );
  const areas = useMemo(
    () => ({
      riskParts: [],
      warningParts: [...warnings.values()].flatMap((w) =>
        w.areas.flatMap((a) => polygonsOf<Warning>(w, a.geometry)),
      ),
      incidentParts: open.filter((i) => i.area).flatMap((i) => polygonsOf<Incident>(i, i.area!)),
      scale: 1,
    }),
    [warnings, open],
  );
  const zones = useZoneLayers(zoom, 1);
  const below = useMemo(
    () => [...createAreaLayers(areas), ...zones.below, ...support.radius, ...followed.layers],
    [areas, zones.below, support.radius, followed.layers],
  );

  const resourceGlyph = useCallback((r: Resource) => t(`glyph.resource.${r.type}`), [t]);
  const resourceLabel = useCallback(
    (r: Resource) => `${r.name} · ${t(`resourceStatus.${r.status}`)}`,
    [t],
  );
  const incidentGlyph = useCallback((i: Incident) => t(`glyph.incident.${i.type}`), [t]);
  const incidentLabel = useCallback(
    (i: Incident) => `${t(`incidentLevel.${i.level}`)} ${i.title}`,
    [t],
  );
  const peopleLabel = useCallback(
    (p: Place) => `${p.name} · ${t('command.support.peopleShort', { n: p.people })}`,
    [t],
  );
  const scene = useMemo(
    () =>
      mergeScenes(
        incidentScene({
          incidents: open,
          glyph: incidentGlyph,
          label: incidentLabel,
          scale: 1,
          onSelect: onSelectIncident,
        }),
        resourceScene({
          resources: placed,
          glyph: resourceGlyph,
          label: resourceLabel,
          showLabels: zoom >= LABELS_FROM_ZOOM,
          scale: 1,
        }),
        placeScene(allPlaces, support.places, peopleLabel),
        areaScene({ ...areas, riskLabel: () => '', warningLabel, incidentAreaLabel }),
        zones.scene,
      ),
    [
      open,
      incidentGlyph,
      incidentLabel,
      onSelectIncident,
      placed,
      resourceGlyph,
      resourceLabel,
      zoom,
      allPlaces,
      support.places,
      peopleLabel,
      areas,
      warningLabel,
      incidentAreaLabel,
      zones.scene,
    ],
  );
  const fresh = useMemo(() => open.filter((i) => i.status === 'reported'), [open]);
  const decorate = useCallback(
    (drawn: DrawnScene) => [
      createUnitRings(placed, support.suggested, picked, drawn),
      createIncidentPulseLayer(fresh, drawn, blink, 1),
      createFocusLayer(selected?.location ?? null, blink, 0.8),
    ],
    [placed, support.suggested, picked, fresh, blink, selected],
  );
  return { below, scene, decorate, followed: followed.summary };
}
