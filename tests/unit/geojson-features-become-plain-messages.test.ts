import { describe, expect, it } from 'vitest';
import { IncidentMessage, RiskAreaMessage } from '@cc/shared';
import { fromGeoJson } from '../../ingest/src/feeds/geojson';
import {
  GEOJSON_EXAMPLE,
  INCIDENT_EXAMPLE,
  POSITION_EXAMPLE,
  RISKAREA_EXAMPLE,
  asFeature,
} from '../helpers/kind-fixtures';
import { refusal } from '../helpers/refusal';

const point = { type: 'Point', coordinates: [119.97, 32.01] };
const polygon = RISKAREA_EXAMPLE.geometry;

describe('fromGeoJson', () => {
  it('passes anything that is not GeoJSON through unchanged', () => {
    for (const value of [INCIDENT_EXAMPLE, [RISKAREA_EXAMPLE], 'text', null, 3]) {
      expect(fromGeoJson('incident', value)).toBe(value);
    }
  });

  it('turns a Feature into the plain message it carries', () => {
    expect(fromGeoJson('incident', asFeature(INCIDENT_EXAMPLE, 'location'))).toEqual(
      INCIDENT_EXAMPLE,
    );
    expect(fromGeoJson('incident', asFeature(INCIDENT_EXAMPLE, 'area'))).toEqual(INCIDENT_EXAMPLE);
    expect(fromGeoJson('riskarea', asFeature(RISKAREA_EXAMPLE, 'geometry'))).toEqual(
      RISKAREA_EXAMPLE,
    );
    expect(fromGeoJson('resource', asFeature(POSITION_EXAMPLE, 'location'))).toEqual(
      POSITION_EXAMPLE,
    );
  });

  it('turns a FeatureCollection into a batch of valid messages', () => {
    const batch = fromGeoJson('riskarea', GEOJSON_EXAMPLE) as unknown[];
    expect(batch).toHaveLength(2);
    for (const item of batch) expect(RiskAreaMessage.safeParse(item).success).toBe(true);
    expect(batch[1]).toMatchObject({ id: 'RA-320411-013', crs: 'GCJ02', level: 'yellow' });
  });

  it('maps a warning polygon to one area, described by areaDesc or else the headline', () => {
    const feature = (properties: object) => ({
      type: 'Feature',
      id: 'w1',
      properties,
      geometry: polygon,
    });
    expect(fromGeoJson('warning', feature({ headline: 'H', areaDesc: '新北区' }))).toEqual({
      id: 'w1',
      headline: 'H',
      areas: [{ description: '新北区', geometry: polygon }],
    });
    expect(fromGeoJson('warning', feature({ headline: 'H' }))).toMatchObject({
      areas: [{ description: 'H', geometry: polygon }],
    });
  });

  it('takes the id from the Feature (a number as text) or from properties', () => {
    const f = { type: 'Feature', id: 42, properties: { name: 'x' }, geometry: point };
    expect(fromGeoJson('hazard', f)).toMatchObject({ id: '42', location: point });
    const g = { type: 'Feature', properties: { id: 'h1' }, geometry: point };
    expect(fromGeoJson('hazard', g)).toMatchObject({ id: 'h1' });
    const e = refusal(() => fromGeoJson('hazard', { ...g, id: 'h2' }));
    expect([e.code, e.path]).toEqual(['feed.invalid', ['id']]);
  });

  it('takes a Feature without geometry as its properties alone', () => {
    const plain = fromGeoJson('incident', { ...asFeature(INCIDENT_EXAMPLE, 'x'), geometry: null });
    expect(IncidentMessage.safeParse(plain).success).toBe(true);
  });

  const feature = { type: 'Feature', id: 'r', properties: {}, geometry: point };
  const WRONG: { what: string; kind: string; input: unknown; path: (string | number)[] }[] = [
    { what: 'a risk area point', kind: 'riskarea', input: feature, path: ['geometry', 'type'] },
    {
      what: 'a resource polygon',
      kind: 'resource',
      input: { ...feature, geometry: polygon },
      path: ['geometry', 'type'],
    },
    {
      what: 'a geometry without type',
      kind: 'hazard',
      input: { ...feature, geometry: { coordinates: [] } },
      path: ['geometry', 'type'],
    },
    {
      what: 'a geometry type named like an Object method',
      kind: 'incident',
      input: { ...feature, geometry: { type: 'toString', coordinates: [] } },
      path: ['geometry', 'type'],
    },
    { what: 'a kind without geometry', kind: 'sensor', input: feature, path: ['type'] },
    {
      what: 'a location both in properties and as geometry',
      kind: 'incident',
      input: { ...feature, properties: { location: point } },
      path: ['properties', 'location'],
    },
    {
      what: 'a foreign member',
      kind: 'incident',
      input: { ...feature, crs: 'GCJ02' },
      path: ['crs'],
    },
    {
      what: 'properties that are not an object',
      kind: 'incident',
      input: { ...feature, properties: [] },
      path: ['properties'],
    },
    {
      what: 'a collection without features',
      kind: 'riskarea',
      input: { type: 'FeatureCollection' },
      path: ['features'],
    },
    {
      what: 'a collection of plain messages',
      kind: 'riskarea',
      input: { type: 'FeatureCollection', features: [RISKAREA_EXAMPLE] },
      path: [0, 'type'],
    },
    {
      what: 'a collection with one point among risk areas',
      kind: 'riskarea',
      input: {
        type: 'FeatureCollection',
        features: [
          asFeature(RISKAREA_EXAMPLE, 'geometry'),
          asFeature(INCIDENT_EXAMPLE, 'location'),
        ],
      },
      path: [1, 'geometry', 'type'],
    },
    {
      what: 'a collection inside a batch',
      kind: 'riskarea',
      input: [GEOJSON_EXAMPLE],
      path: [0, 'type'],
    },
  ];

  it.each(WRONG)('refuses $what as feed.invalid with its path', ({ kind, input, path }) => {
    const e = refusal(() => fromGeoJson(kind, input));
    expect([e.code, e.path]).toEqual(['feed.invalid', path]);
  });

  it('converts the Features of a plain array one by one', () => {
    const batch = fromGeoJson('incident', [
      asFeature(INCIDENT_EXAMPLE, 'location'),
      INCIDENT_EXAMPLE,
    ]);
    expect(batch).toEqual([INCIDENT_EXAMPLE, INCIDENT_EXAMPLE]);
  });
});
