import { FeedError, isFeedKind, type FeedKind, type IssuePath } from '@cc/shared';

type Props = Record<string, unknown>;
interface Geometry extends Props {
  type: string;
}
/** Puts a Feature's geometry where the plain message of a kind carries it. */
type Place = (geometry: Geometry, properties: Props, at: IssuePath) => Props;

/** A member of RFC 7946 Features that the plain message has no use for, but is harmless. */
const IGNORED_MEMBERS = new Set(['bbox']);
const FEATURE_MEMBERS = new Set(['type', 'id', 'geometry', 'properties', ...IGNORED_MEMBERS]);

function isObject(value: unknown): value is Props {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isGeoJson(value: unknown): boolean {
  return isObject(value) && (value.type === 'Feature' || value.type === 'FeatureCollection');
}

function refuse(at: IssuePath, reason: string): never {
  const path = at.length === 0 ? '(message)' : at.join('.');
  throw new FeedError('feed.invalid', `${path}: ${reason}`, at);
}

/** The geometry may go in one field only: the same field in properties would be ambiguous. */
function put(field: string): Place {
  return (geometry, properties, at) => {
    if (Object.hasOwn(properties, field))
      refuse([...at, 'properties', field], 'also given as the geometry');
    return { ...properties, [field]: geometry };
  };
}

/** A warning's Feature is one warning area, described by `areaDesc` (CAP) or the headline. */
const warningArea: Place = (geometry, properties, at) => {
  if (Object.hasOwn(properties, 'areas'))
    refuse([...at, 'properties', 'areas'], 'also given as the geometry');
  const { areaDesc, ...rest } = properties;
  return { ...rest, areas: [{ description: areaDesc ?? properties.headline, geometry }] };
};

/** Per kind, the geometry types a Feature may carry and where each goes. */
const PLACES: Partial<Record<FeedKind, Record<string, Place>>> = {
  hazard: { Point: put('location') },
  resource: { Point: put('location') },
  place: { Point: put('location') },
  hiddenhazard: { Point: put('location') },
  // A polygon is the affected area; the incident's own point then comes in properties.
  incident: { Point: put('location'), Polygon: put('area'), MultiPolygon: put('area') },
  riskarea: { Polygon: put('geometry'), MultiPolygon: put('geometry') },
  warning: { Polygon: warningArea, MultiPolygon: warningArea },
};

function featureId(feature: Props, properties: Props, at: IssuePath): Props {
  const own = typeof feature.id === 'number' ? String(feature.id) : feature.id;
  if (own === undefined) return {};
  if (properties.id !== undefined && properties.id !== own) {
    refuse(
      [...at, 'id'],
      `Feature id ${String(own)} and properties.id ${String(properties.id)} differ`,
    );
  }
  return { id: own };
}

function fromFeature(kind: string, feature: Props, at: IssuePath): Props {
  const places = isFeedKind(kind) ? PLACES[kind] : undefined;
  if (!places) refuse([...at, 'type'], `a ${kind} message has no geometry: send it as plain JSON`);
  const foreign = Object.keys(feature).find((k) => !FEATURE_MEMBERS.has(k));
  if (foreign !== undefined) refuse([...at, foreign], 'not a member of a Feature');
  const properties = feature.properties ?? {};
  if (!isObject(properties)) refuse([...at, 'properties'], 'must be an object or null');
  const message = { ...properties, ...featureId(feature, properties, at) };
  // A Feature without geometry is the plain message; its schema says what is missing.
  if (feature.geometry === null || feature.geometry === undefined) return message;
  const geometry = feature.geometry;
  if (!isObject(geometry) || typeof geometry.type !== 'string') {
    refuse([...at, 'geometry', 'type'], 'a GeoJSON geometry needs a type');
  }
  // Own keys only: a geometry type such as "toString" must not find Object.prototype's.
  const place = Object.hasOwn(places, geometry.type) ? places[geometry.type] : undefined;
  if (!place) {
    const allowed = Object.keys(places).join(' or ');
    refuse([...at, 'geometry', 'type'], `a ${kind} Feature takes ${allowed}, not ${geometry.type}`);
  }
  return place(geometry as Geometry, message, at);
}

/**
 * Turns GeoJSON into plain feed messages: a Feature into one message, a FeatureCollection (or an
 * array of Features) into a batch. Anything that is not GeoJSON passes through unchanged.
 * A structural fault refuses the whole message; as in a batch, a FeatureCollection's paths start
 * with the feature's index, and name the field of the plain message it becomes.
 */
export function fromGeoJson(kind: string, decoded: unknown): unknown {
  if (Array.isArray(decoded)) {
    if (!decoded.some(isGeoJson)) return decoded;
    return decoded.map((item, i) => {
      if (!isObject(item)) return item;
      if (item.type === 'FeatureCollection') {
        refuse([i, 'type'], 'a batch holds messages or Features, not FeatureCollections');
      }
      return item.type === 'Feature' ? fromFeature(kind, item, [i]) : item;
    });
  }
  if (!isObject(decoded)) return decoded;
  if (decoded.type === 'Feature') return fromFeature(kind, decoded, []);
  if (decoded.type !== 'FeatureCollection') return decoded;
  const { features } = decoded;
  if (!Array.isArray(features)) refuse(['features'], 'a FeatureCollection needs a features array');
  return features.map((feature: unknown, i) => {
    if (!isObject(feature) || feature.type !== 'Feature') {
      refuse([i, 'type'], 'each item of features must be a Feature');
    }
    return fromFeature(kind, feature, [i]);
  });
}
