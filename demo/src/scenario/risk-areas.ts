import type { LngLat, PolygonGeometry, RiskLevel } from '@cc/shared';

/** One area of the four-colour safety risk map (安全风险"四色图"). */
export interface RiskAreaDef {
  id: string;
  level: RiskLevel;
  name: string;
  subject?: string;
  /** Date of the assessment, YYYY-MM-DD. */
  assessedOn: string;
  geometry: PolygonGeometry;
}

/** A rectangle of `widthM` × `heightM` around `center`, turned `deg` degrees: a plant's fence. */
export function plot(center: LngLat, widthM: number, heightM: number, deg = 0): PolygonGeometry {
  const [lng, lat] = center;
  const mPerLat = 111_320;
  const mPerLng = mPerLat * Math.cos((lat * Math.PI) / 180);
  const t = (deg * Math.PI) / 180;
  const corners = [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ].map(([sx = 0, sy = 0]): LngLat => {
    const x = (sx * widthM) / 2;
    const y = (sy * heightM) / 2;
    const rx = x * Math.cos(t) - y * Math.sin(t);
    const ry = x * Math.sin(t) + y * Math.cos(t);
    return [round6(lng + rx / mPerLng), round6(lat + ry / mPerLat)];
  });
  return { type: 'Polygon', coordinates: [[...corners, corners[0]!]] };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

const park = (
  id: string,
  level: RiskLevel,
  name: string,
  subject: string,
  at: LngLat,
  size: readonly [number, number, number?],
  assessedOn: string,
): RiskAreaDef => ({
  id,
  level,
  name,
  subject,
  assessedOn,
  geometry: plot(at, size[0], size[1], size[2] ?? 0),
});

/**
 * The emergency management bureau's four-colour map around the chemical parks and other key
 * sectors (hazardous chemicals, gas, cold chain with ammonia, crowded places). Grades and
 * outlines are made up for the demonstration.
 */
export const DEMO_RISK_AREAS: readonly RiskAreaDef[] = [
  {
    id: 'RA-320411-001',
    level: 'orange',
    name: '滨江经济开发区化工园区',
    subject: '常州滨江经济开发区管委会',
    assessedOn: '2025-03-18',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [119.93, 31.982],
          [119.995, 31.982],
          [119.995, 32.02],
          [119.93, 32.022],
          [119.93, 31.982],
        ],
      ],
    },
  },
  park(
    'RA-320411-002',
    'red',
    '液氯储罐区',
    '常州滨江澄川氯碱化工有限公司',
    [119.951, 32.012],
    [420, 300, 8],
    '2025-03-20',
  ),
  park(
    'RA-320411-003',
    'red',
    '液氨球罐区',
    '常州滨江景澜化肥有限公司',
    [119.944, 32.018],
    [380, 280, -6],
    '2025-03-20',
  ),
  park(
    'RA-320411-004',
    'red',
    '液化烃球罐区',
    '常州滨江朝旸能源有限公司',
    [119.988, 32.008],
    [450, 320, 12],
    '2025-03-21',
  ),
  park(
    'RA-320411-005',
    'red',
    '环氧乙烷储罐区',
    '常州滨江华昕精细化学品有限公司',
    [119.957, 31.992],
    [360, 260],
    '2025-03-21',
  ),
  park(
    'RA-320411-006',
    'orange',
    '丙烯腈储罐区',
    '常州滨江同耀新材料有限公司',
    [119.968, 31.996],
    [340, 240, 5],
    '2025-03-22',
  ),
  park(
    'RA-320413-001',
    'orange',
    '甲醇及液氯储存区',
    '常州金坛华屿化工有限公司',
    [119.602, 31.728],
    [400, 300, -10],
    '2025-04-08',
  ),
  park(
    'RA-320481-001',
    'orange',
    '甲苯、甲醇罐区',
    '常州溧阳苏泓化学有限公司',
    [119.493, 31.408],
    [380, 300],
    '2025-04-10',
  ),
  park(
    'RA-320402-001',
    'orange',
    '液化石油气储配站',
    '常州天宁瀚通液化石油气储配有限公司',
    [120.018, 31.792],
    [260, 200, 15],
    '2025-04-15',
  ),
  park(
    'RA-320412-001',
    'yellow',
    '液化石油气储配站',
    '常州武进西筠液化气有限公司',
    [120.012, 31.662],
    [240, 200],
    '2025-04-16',
  ),
  park(
    'RA-320411-007',
    'yellow',
    '溶剂型涂料生产区',
    '常州新北罗溪彩衡涂料有限公司',
    [119.862, 31.905],
    [300, 220, -4],
    '2025-05-06',
  ),
  park(
    'RA-320412-002',
    'yellow',
    '遥观医药产业园',
    '常州武进嘉泽制药有限公司等',
    [120.034, 31.718],
    [900, 600, 10],
    '2025-05-08',
  ),
  park(
    'RA-320404-001',
    'yellow',
    'LNG 应急气源站',
    '常州钟楼澜汇燃气有限公司',
    [119.912, 31.772],
    [220, 180],
    '2025-05-12',
  ),
  park(
    'RA-320411-008',
    'blue',
    '液氨制冷冷库',
    '常州新北霁禾冷链食品有限公司',
    [119.905, 31.852],
    [260, 180],
    '2025-05-20',
  ),
  park(
    'RA-320481-002',
    'blue',
    '液氨制冷冷库',
    '常州溧阳霁川食品冷链有限公司',
    [119.468, 31.432],
    [240, 180, 7],
    '2025-05-22',
  ),
  park(
    'RA-320411-009',
    'blue',
    '中华恐龙园（人员密集场所）',
    '常州中华恐龙园有限公司',
    [119.987, 31.826],
    [1100, 800, -8],
    '2025-06-02',
  ),
];
