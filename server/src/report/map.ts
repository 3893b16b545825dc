import { CHANGZHOU_CITY_CODE, districtsForCode } from '@cc/shared';
import type { MapFeature } from './model';

/** Reports are read in the command center's time zone, whatever the server's. */
export const REPORT_TIME_ZONE = 'Asia/Shanghai';
const timeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: REPORT_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
/** `YYYY-MM-DD HH:MM:SS` in the command center's time zone. */
export const formatTime = (ms: number) => timeFormat.format(ms);

const W = 760;
const H = 440;
const PAD = 40;
/** The smallest extent drawn, metres: a lone incident still shows its surroundings. */
const MIN_EXTENT_M = 2_000;
const M_PER_DEG_LAT = 111_320;

export const escapeXml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const UNIT_COLOUR: Record<string, string> = {
  dispatched: '#d97706',
  en_route: '#2563eb',
  on_scene: '#059669',
  returning: '#6b7280',
  available: '#6b7280',
  out_of_service: '#9ca3af',
};

/** A round scale-bar length (m) near a quarter of the width. */
function scaleBar(metresPerPx: number): number {
  const target = (W / 4) * metresPerPx;
  const pow = 10 ** Math.floor(Math.log10(target));
  return (
    [1, 2, 5, 10]
      .map((k) => k * pow)
      .filter((m) => m <= target)
      .pop() ?? pow
  );
}

/**
 * The picture of an incident's surroundings at one moment, drawn server-side as SVG (no tiles,
 * no network): district outlines for orientation, the incident, its units by status, the
 * hazards and sensitive places nearby, a scale bar and north. A local equirectangular projection
 * (metres east and north of the centre) is exact enough over a few kilometres.
 */
export function drawMap(features: readonly MapFeature[], at: number): string {
  const lngs = features.map((f) => f.lngLat[0]);
  const lats = features.map((f) => f.lngLat[1]);
  const lng0 = (Math.min(...lngs) + Math.max(...lngs)) / 2;
  const lat0 = (Math.min(...lats) + Math.max(...lats)) / 2;
  const mPerDegLng = M_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180);
  const spanX = Math.max(MIN_EXTENT_M, (Math.max(...lngs) - Math.min(...lngs)) * mPerDegLng);
  const spanY = Math.max(MIN_EXTENT_M, (Math.max(...lats) - Math.min(...lats)) * M_PER_DEG_LAT);
  const mPerPx = Math.max(spanX / (W - 2 * PAD), spanY / (H - 2 * PAD));
  const x = (lng: number) => W / 2 + ((lng - lng0) * mPerDegLng) / mPerPx;
  const y = (lat: number) => H / 2 - ((lat - lat0) * M_PER_DEG_LAT) / mPerPx;
  const pt = (p: readonly number[]) => `${x(p[0]!).toFixed(1)},${y(p[1]!).toFixed(1)}`;

  const rings: string[] = [];
  for (const d of districtsForCode(CHANGZHOU_CITY_CODE)) {
    const polys = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
    for (const poly of polys) {
      for (const ring of poly) {
        rings.push(`<polygon points="${ring.map(pt).join(' ')}"/>`);
      }
    }
  }
  // Labels placed one by one: one that would overlap a placed one moves down a line; near the
  // right edge they go to the symbol's left.
  const placed: { x0: number; x1: number; y: number }[] = [];
  const symbols = features.map((f) => {
    const [px, py] = [x(f.lngLat[0]), y(f.lngLat[1])];
    const width = [...f.name].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 12 : 7), 0);
    const left = px + 9 + width > W - 4;
    const x0 = left ? px - 9 - width : px + 9;
    let ly = py + 4;
    while (placed.some((p) => p.x0 < x0 + width && x0 < p.x1 && Math.abs(p.y - ly) < 13)) ly += 14;
    placed.push({ x0, x1: x0 + width, y: ly });
    const label = `<text x="${x0.toFixed(1)}" y="${ly.toFixed(1)}">${escapeXml(f.name)}</text>`;
    switch (f.kind) {
      case 'incident':
        return `<g class="incident"><circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="9" fill="#dc2626" stroke="#fff" stroke-width="2"/>${label}</g>`;
      case 'unit':
        return `<g class="unit"><circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="6" fill="${UNIT_COLOUR[f.status ?? ''] ?? '#2563eb'}" stroke="#fff" stroke-width="1.5"/>${label}</g>`;
      case 'hazard':
        return `<g class="hazard"><path d="M${px.toFixed(1)},${(py - 7).toFixed(1)} l7,12 h-14 z" fill="#f59e0b" stroke="#78350f"/>${label}</g>`;
      case 'place':
        return `<g class="place"><rect x="${(px - 5).toFixed(1)}" y="${(py - 5).toFixed(1)}" width="10" height="10" fill="#7c3aed" stroke="#fff"/>${label}</g>`;
    }
  });
  const bar = scaleBar(mPerPx);
  const barPx = bar / mPerPx;
  const barLabel = bar >= 1000 ? `${bar / 1000} km` : `${bar} m`;
  const time = formatTime(at);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="'Noto Sans CJK SC','Noto Sans',sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#f5f3ee"/>`,
    `<g fill="#ebe7dc" stroke="#b8b09c" stroke-width="1">${rings.join('')}</g>`,
    `<g fill="#1f2937">${symbols.join('')}</g>`,
    `<g transform="translate(${PAD},${H - 20})"><rect width="${barPx.toFixed(1)}" height="4" fill="#1f2937"/><text y="-4">${barLabel}</text></g>`,
    `<g transform="translate(${W - 30},34)"><path d="M0,-18 l6,14 h-12 z" fill="#1f2937"/><text x="-4" y="10">N</text></g>`,
    `<text x="${W - 10}" y="${H - 8}" text-anchor="end" fill="#4b5563">${time}</text>`,
    '</svg>',
  ].join('');
}
