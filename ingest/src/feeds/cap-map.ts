import { FeedError, circleToPolygon, type LngLat, type WarningSignal } from '@cc/shared';

type Node = Record<string, unknown>;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the predefined entities and character references: all cap-guard lets through. */
function unescape(s: string): string {
  return s.replace(
    /&(lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g,
    (raw, name: string) => {
      if (!name.startsWith('#')) return ENTITIES[name] ?? raw;
      const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : raw;
    },
  );
}

/** An element's text; anything else is passed on as it is, for the schema to name. */
function text(v: unknown): unknown {
  return typeof v === 'string' ? unescape(v) : v;
}

function lower(v: unknown): unknown {
  const t = text(v);
  return typeof t === 'string' ? t.toLowerCase() : t;
}

function list(v: unknown): Node[] {
  return Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Node[]) : [];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map(unescape) : [];
}

/** Drops undefined fields: the schema is strict about the ones present. */
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

const SIGNAL_PARAMETERS = new Set(['signal', '预警信号', 'color', 'colour', '预警颜色', '颜色']);
const SIGNAL_WORDS: [RegExp, WarningSignal][] = [
  [/red|红/i, 'red'],
  [/orange|橙/i, 'orange'],
  [/yellow|黄/i, 'yellow'],
  [/blue|蓝/i, 'blue'],
];
const BY_SEVERITY: Record<string, WarningSignal> = {
  extreme: 'red',
  severe: 'orange',
  moderate: 'yellow',
  minor: 'blue',
};

/** The signal colour: a `signal` / `预警信号` / `color` parameter, else from the severity. */
function signalOf(info: Node, severity: unknown): unknown {
  for (const p of list(info.parameter)) {
    const name = text(p.valueName);
    if (typeof name !== 'string' || !SIGNAL_PARAMETERS.has(name.trim().toLowerCase())) continue;
    const value = text(p.value);
    if (typeof value !== 'string') return value;
    return SIGNAL_WORDS.find(([re]) => re.test(value))?.[1] ?? value;
  }
  return typeof severity === 'string' ? BY_SEVERITY[severity] : undefined;
}

/** `"lat,lon"`, CAP's order, as a GeoJSON position (longitude first); NaN for the schema to refuse. */
function position(pair: string): LngLat {
  const [lat, lon] = pair.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  return [lon ?? NaN, lat ?? NaN];
}

function ring(polygon: string): LngLat[] {
  const points = polygon.trim().split(/\s+/).map(position);
  const [first, last] = [points[0], points[points.length - 1]];
  // CAP requires a closed ring; close one that repeats all but the first point.
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) points.push([...first]);
  return points;
}

function circle(c: string): { center: LngLat; radiusKm: number } {
  const [centre = '', radius = ''] = c.trim().split(/\s+/);
  return { center: position(centre), radiusKm: radius === '' ? NaN : Number(radius) };
}

function area(a: Node, index: number): Record<string, unknown> {
  const polygons = strings(a.polygon).map((p) => [ring(p)]);
  const circles = strings(a.circle).map(circle);
  // The first circle maps to the JSON form's `circle`; further ones become polygons.
  for (const [j, c] of circles.slice(1).entries()) {
    if (!c.center.every(Number.isFinite) || !(c.radiusKm > 0 && c.radiusKm <= 2_000)) {
      throw new FeedError(
        'feed.invalid',
        `areas.${index}.circle.${j + 1}: not "lat,lon radius_km"`,
        ['areas', index, 'circle', j + 1],
      );
    }
    polygons.push(circleToPolygon(c.center, c.radiusKm).coordinates);
  }
  const geocodes = list(a.geocode)
    .map((g) => text(g.value))
    .filter((v): v is string => typeof v === 'string' && /^\d{6,12}$/.test(v.trim()))
    .map((v) => v.trim());
  return defined({
    description: text(a.areaDesc),
    geometry:
      polygons.length === 0
        ? undefined
        : polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0] }
          : { type: 'MultiPolygon', coordinates: polygons },
    circle: circles[0],
    geocodes: geocodes.length > 0 ? geocodes : undefined,
  });
}

/** `references`: "sender,identifier,sent" triples separated by spaces → the identifiers. */
function references(v: unknown): string[] | undefined {
  const t = text(v);
  if (t === undefined) return undefined;
  if (typeof t !== 'string') return t as string[];
  return t
    .trim()
    .split(/\s+/)
    .map((triple, i) => {
      const parts = triple.split(',');
      if (parts.length !== 3 || !parts[1]) {
        throw new FeedError(
          'feed.invalid',
          `references.${i}: "${triple.slice(0, 80)}" is not sender,identifier,sent`,
          ['references', i],
        );
      }
      return parts[1];
    });
}

/** The info block to show: the first in zh-CN, else the first. */
function pickInfo(alert: Node): Node | undefined {
  const infos = list(alert.info);
  const zh = infos.find((i) => String(text(i.language) ?? '').toLowerCase() === 'zh-cn');
  return zh ?? infos[0];
}

/**
 * Maps a parsed CAP 1.2 document to the JSON form of a warning. Only `Actual` alerts are taken;
 * CAP is WGS-84. Field errors are left to the WarningMessage schema, so they carry its paths.
 */
export function capToWarningMessage(doc: unknown): unknown {
  const alert = (doc as Node | null)?.alert;
  if (!alert || typeof alert !== 'object') {
    throw new FeedError('feed.invalid', 'alert: the root element is not a CAP 1.2 <alert>', [
      'alert',
    ]);
  }
  const a = alert as Node;
  const status = text(a.status);
  if (status !== 'Actual') {
    throw new FeedError(
      'feed.invalid',
      `status: only Actual alerts are shown; got ${String(status)}`,
      ['status'],
    );
  }
  const info = pickInfo(a);
  const severity = info ? lower(info.severity) : undefined;
  const certainty = info ? lower(info.certainty) : undefined;
  const base = {
    id: text(a.identifier),
    ts: text(a.sent),
    crs: 'WGS84',
    msgType: lower(a.msgType),
    references: references(a.references),
  };
  // A cancel ends the warning it references, whatever its info says: CAP lets it carry an info
  // block without any area (as provincial bureaus publish it), or none at all.
  if (!info || base.msgType === 'cancel') return defined(base);
  const areas = list(info.area).map(area);
  return defined({
    ...base,
    event: text(info.event),
    signal: signalOf(info, severity),
    severity,
    urgency: lower(info.urgency),
    certainty: certainty === 'very likely' ? 'likely' : certainty,
    headline: text(info.headline),
    description: text(info.description),
    instruction: text(info.instruction),
    onset: text(info.onset),
    expires: text(info.expires),
    // None: an alert is refused for it; an update keeps the areas of the warning it updates.
    areas: areas.length > 0 ? areas : undefined,
  });
}
