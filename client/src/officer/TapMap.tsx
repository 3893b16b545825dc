import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { CHANGZHOU_CITY_CODE, districtsForCode, type AreaGeometry } from '@cc/shared';

const DISTRICTS = districtsForCode(CHANGZHOU_CITY_CODE);
const W = 340;
const H = 300;

function rings(g: AreaGeometry): number[][][] {
  if (g.type === 'Polygon') return g.coordinates as number[][][];
  if (g.type === 'MultiPolygon') return (g.coordinates as number[][][][]).flat();
  return [];
}

/**
 * A small map of the six districts drawn from their outlines (no tiles: it works with no link),
 * the officer's district highlighted; a tap sets the report's place.
 */
export function TapMap(props: {
  district: string;
  value: [number, number] | undefined;
  onPick: (p: [number, number]) => void;
}): ReactElement {
  const view = useMemo(() => {
    const own = DISTRICTS.filter((d) => d.code === props.district);
    const shown = own.length > 0 ? own : DISTRICTS;
    const pts = shown.flatMap((d) => rings(d.geometry).flat());
    const lons = pts.map((p) => p[0]!);
    const lats = pts.map((p) => p[1]!);
    const [w, e, s, n] = [
      Math.min(...lons),
      Math.max(...lons),
      Math.min(...lats),
      Math.max(...lats),
    ];
    const k = Math.min(W / (e - w), H / ((n - s) * 1.17));
    const x = (lon: number) => (lon - w) * k + (W - (e - w) * k) / 2;
    const y = (lat: number) => (n - lat) * k * 1.17 + (H - (n - s) * k * 1.17) / 2;
    return { x, y, k, w, n, offX: (W - (e - w) * k) / 2, offY: (H - (n - s) * k * 1.17) / 2 };
  }, [props.district]);
  const path = (g: AreaGeometry) =>
    rings(g)
      .map(
        (r) =>
          `M${r.map((p) => `${view.x(p[0]!).toFixed(1)},${view.y(p[1]!).toFixed(1)}`).join('L')}Z`,
      )
      .join('');
  return (
    <svg
      className="officer__map"
      viewBox={`0 0 ${W} ${H}`}
      data-testid="officer-map"
      onClick={(e) => {
        const box = e.currentTarget.getBoundingClientRect();
        const sx = ((e.clientX - box.left) / box.width) * W;
        const sy = ((e.clientY - box.top) / box.height) * H;
        const lon = view.w + (sx - view.offX) / view.k;
        const lat = view.n - (sy - view.offY) / (view.k * 1.17);
        props.onPick([Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5]);
      }}
    >
      {DISTRICTS.map((d) => (
        <path
          key={d.code}
          d={path(d.geometry)}
          className={d.code === props.district ? 'officer__own' : 'officer__other'}
        />
      ))}
      {props.value && (
        <circle
          cx={view.x(props.value[0])}
          cy={view.y(props.value[1])}
          r={7}
          className="officer__pin"
        />
      )}
    </svg>
  );
}
