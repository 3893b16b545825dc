import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PathLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import {
  circleToPolygon,
  type Incident,
  type Place,
  type Resource,
  type SupportRoute,
  type Warning,
} from '@cc/shared';
import { createAreaLayers, polygonsOf } from '../map/layers/areas';
import { CJK_FONT_FAMILY, LABEL_FONT_SETTINGS } from '../map/layers/fonts';
import { createFocusLayer, createIncidentLayers } from '../map/layers/incidents';
import { createResourceLayers, type PlacedResource } from '../map/layers/resources';
import { usePlacedResources } from '../map/use-placed-resources';
import { useAppStore } from '../store/use-app-store';
import { useNow } from '../time/use-now';
import { useTabletUi } from './ui-store';

/** Resource labels from this zoom on. */
const LABELS_FROM_ZOOM = 12;
const PLACE_COLOR: [number, number, number] = [186, 104, 255];
/** Routes to the incident: of a unit picked for dispatch, and of one dispatched and on its way. */
export const ROUTE_PICKED_COLOR: [number, number, number] = [0, 229, 255];
export const ROUTE_DISPATCHED_COLOR: [number, number, number] = [255, 176, 32];
const NO_LAYERS: Layer[] = [];

/**
 * The open incident's radius, its places, rings on the units picked or suggested, and the road
 * routes of the picked and dispatched units (decision support returns them).
 */
function useSupportLayers(incident: Incident | undefined, placed: PlacedResource[]): Layer[] {
  const { t } = useTranslation();
  const radiusKm = useTabletUi((s) => s.radiusKm);
  const support = useTabletUi((s) =>
    incident && s.support?.incidentId === incident.id ? s.support.data : null,
  );
  const picked = useTabletUi((s) => s.picked);
  return useMemo(() => {
    if (!incident) return NO_LAYERS;
    const ring = circleToPolygon(incident.location, radiusKm);
    const places: Place[] = support?.places.map((p) => p.place) ?? [];
    const suggested = new Set(
      support?.resources.flatMap((g) => g.candidates.map((c) => c.resource.id)) ?? [],
    );
    const rings = placed.filter((p) => suggested.has(p.resource.id) || picked.has(p.resource.id));
    const routes = (support?.routes ?? []).flatMap((r) => (r.path ? [{ ...r, path: r.path }] : []));
    const layers: Layer[] = [
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
      new ScatterplotLayer<PlacedResource>({
        id: 'support-unit-rings',
        data: rings,
        getPosition: (p) => p.location,
        getRadius: (p) => (picked.has(p.resource.id) ? 24 : 19),
        radiusUnits: 'pixels',
        stroked: true,
        filled: false,
        getLineColor: (p) =>
          picked.has(p.resource.id) ? [255, 255, 255, 255] : [79, 157, 222, 230],
        getLineWidth: (p) => (picked.has(p.resource.id) ? 4 : 2),
        lineWidthUnits: 'pixels',
        updateTriggers: { getRadius: picked, getLineColor: picked, getLineWidth: picked },
      }),
    ];
    if (places.length > 0)
      layers.push(
        new TextLayer<Place>({
          id: 'support-place-labels',
          data: places,
          getPosition: (p) => p.location,
          getText: (p) => `${p.name} · ${t('command.support.peopleShort', { n: p.people })}`,
          getPixelOffset: [0, 18],
          getSize: 13,
          getColor: [255, 255, 255, 255],
          background: true,
          getBackgroundColor: [...PLACE_COLOR, 220],
          backgroundPadding: [5, 2],
          characterSet: 'auto',
          fontFamily: CJK_FONT_FAMILY,
          fontSettings: LABEL_FONT_SETTINGS,
          fontWeight: 600,
        }),
      );
    return layers;
  }, [incident, radiusKm, support, picked, placed, t]);
}

export interface CommandLayers {
  below: Layer[];
  above: Layer[];
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
  const open = useMemo(
    () => [...incidentsMap.values()].filter((i) => i.status !== 'closed'),
    [incidentsMap],
  );
  const selected = selectedIncidentId === null ? undefined : incidentsMap.get(selectedIncidentId);
  const placed = usePlacedResources();
  const places = useMemo(() => [...placesMap.values()], [placesMap]);

  const warningLabel = useCallback(
    (w: Warning) => t('map.warningLabel', { event: w.event, signal: t(`signal.${w.signal}`) }),
    [t],
  );
  const incidentAreaLabel = useCallback(
    (i: Incident) => t('map.incidentArea', { title: i.title }),
    [t],
  );
  const below = useMemo(() => {
    const warningParts = [...warnings.values()].flatMap((w) =>
      w.areas.flatMap((a) => polygonsOf<Warning>(w, a.geometry)),
    );
    const incidentParts = open
      .filter((i) => i.area)
      .flatMap((i) => polygonsOf<Incident>(i, i.area!));
    return [
      ...createAreaLayers({
        riskParts: [],
        warningParts,
        incidentParts,
        riskLabel: () => '',
        warningLabel,
        incidentAreaLabel,
        scale: 1,
      }),
      new ScatterplotLayer<Place>({
        id: 'places',
        data: places,
        getPosition: (p) => p.location,
        getRadius: 6,
        radiusUnits: 'pixels',
        stroked: true,
        getFillColor: [...PLACE_COLOR, 230],
        getLineColor: [255, 255, 255, 230],
        getLineWidth: 1.5,
        lineWidthUnits: 'pixels',
      }),
    ];
  }, [warnings, open, places, warningLabel, incidentAreaLabel]);

  const resourceGlyph = useCallback((r: Resource) => t(`glyph.resource.${r.type}`), [t]);
  const resourceLabel = useCallback(
    (r: Resource) => `${r.name} · ${t(`resourceStatus.${r.status}`)}`,
    [t],
  );
  const resources = useMemo(
    () =>
      createResourceLayers({
        singles: placed,
        clusters: [],
        trails: [],
        glyph: resourceGlyph,
        label: resourceLabel,
        showLabels: zoom >= LABELS_FROM_ZOOM,
        scale: 1,
      }),
    [placed, resourceGlyph, resourceLabel, zoom],
  );
  const incidentGlyph = useCallback((i: Incident) => t(`glyph.incident.${i.type}`), [t]);
  const incidentLabel = useCallback(
    (i: Incident) => `${t(`incidentLevel.${i.level}`)} ${i.title}`,
    [t],
  );
  const fresh = useMemo(() => open.filter((i) => i.status === 'reported'), [open]);
  const incidents = useMemo(
    () =>
      createIncidentLayers({
        incidents: open,
        fresh,
        blink,
        glyph: incidentGlyph,
        label: incidentLabel,
        scale: 1,
        onSelect: onSelectIncident,
      }),
    [open, fresh, blink, incidentGlyph, incidentLabel, onSelectIncident],
  );
  const support = useSupportLayers(selected, placed);
  const focus = useMemo(
    () => createFocusLayer(selected?.location ?? null, blink, 0.8),
    [selected, blink],
  );
  const above = useMemo(
    () => [...support, ...resources, ...incidents, focus],
    [support, resources, incidents, focus],
  );
  return { below, above };
}
