/**
 * The examples of docs/feeds.md, one constant each. The integration tests publish exactly these,
 * and `feed-doc-examples-are-the-tested-ones` checks that the document shows the same JSON.
 */
import type { LngLat } from '@cc/shared';

/** `## incident`: a fire in the Binjiang chemical park, with its evacuation perimeter. */
export const INCIDENT_EXAMPLE = {
  id: 'F20261128-0042',
  ts: '2026-11-28T14:05:00+08:00',
  crs: 'WGS84',
  type: 'fire',
  category: 'accident_disaster',
  level: 'III',
  status: 'responding',
  title: '新北区化工园区仓库火灾',
  description: '丙类仓库起火，浓烟向东南扩散',
  address: '新北区春江镇港区大道 1 号',
  casualties: { dead: 0, injured: 2, missing: 0, trapped: 1 },
  location: { type: 'Point', coordinates: [119.9712, 32.0087] },
  area: {
    type: 'Polygon',
    coordinates: [
      [
        [119.969, 32.007],
        [119.974, 32.007],
        [119.974, 32.011],
        [119.969, 32.011],
        [119.969, 32.007],
      ],
    ],
  },
};

/** `## resource`, full message: a fire engine on its way (an event). */
export const RESOURCE_EXAMPLE = {
  id: 'XB-FE-03',
  ts: '2026-11-28T14:06:00+08:00',
  crs: 'WGS84',
  type: 'fire_engine',
  name: '新北消防站 3 号水罐车',
  status: 'en_route',
  location: { type: 'Point', coordinates: [119.9581, 31.9862] },
  heading: 45,
  speed: 52,
  members: 6,
  phone: '0519-85550119',
};

/** `## resource`, position-only update (telemetry) from a tracker that reports in GCJ-02. */
export const POSITION_EXAMPLE = {
  id: 'XB-FE-03',
  ts: '2026-11-28T14:06:05+08:00',
  crs: 'GCJ02',
  location: { type: 'Point', coordinates: [119.969946, 31.988198] },
  heading: 48,
  speed: 55,
};
/** `## resource`, a material depot with its inventory: seeds the depot's stock ledger. */
export const DEPOT_EXAMPLE = {
  id: 'CB-BJ',
  ts: '2026-11-28T14:00:00+08:00',
  type: 'material_depot',
  name: '北郊应急物资储备库',
  status: 'available',
  location: { type: 'Point', coordinates: [119.952, 31.812] },
  inventory: [
    { item: '帐篷', quantity: 120, unit: '顶', minimum: 50 },
    { item: '救生衣', quantity: 300, unit: '件', minimum: 100 },
    { item: '编织袋沙袋', quantity: 8000, unit: '条', minimum: 3000 },
  ],
};
/** Where POSITION_EXAMPLE is in WGS-84 (it was computed from this point). */
export const POSITION_EXAMPLE_WGS84: LngLat = [119.9652, 31.9903];

/** `## riskarea`: a red (重大风险) area on the four-colour map. */
export const RISKAREA_EXAMPLE = {
  id: 'RA-320411-007',
  ts: '2026-11-28T09:00:00+08:00',
  crs: 'WGS84',
  level: 'red',
  name: '滨江化工园区液氯罐区',
  subject: '常州滨江示例化工有限公司',
  assessedOn: '2026-10-15',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [119.965, 32.005],
        [119.975, 32.005],
        [119.975, 32.012],
        [119.965, 32.012],
        [119.965, 32.005],
      ],
    ],
  },
};

/** `## place`: a primary school near the Binjiang chemical park and the people usually there. */
export const PLACE_EXAMPLE = {
  id: 'SCH-320411-015',
  ts: '2026-09-01T08:00:00+08:00',
  crs: 'WGS84',
  type: 'school',
  name: '新北区港区实验小学',
  address: '新北区春江镇港区大道 88 号',
  people: 1860,
  capacity: 2000,
  contact: '学校值班室',
  phone: '0519-85550288',
  location: { type: 'Point', coordinates: [119.9805, 32.0021] },
};

/** `## hiddenhazard`: an enterprise's self-check finds a failed gas detector at its chlorine tanks. */
export const HIDDENHAZARD_EXAMPLE = {
  id: 'YH-2026-0412',
  ts: '2026-12-01T09:30:00+08:00',
  crs: 'WGS84',
  enterprise: '常州滨江化工有限公司',
  siteId: 'ent-a:tank-farm-1',
  sector: 'hazardous_chemicals',
  description: '液氯储罐区 2 号有毒气体探测器失效，未联锁切断',
  address: '新北区春江镇滨江化工园区港区路 18 号',
  reportedBy: '安全员 王工',
  location: { type: 'Point', coordinates: [119.9701, 31.8512] },
};

/** `## camera`: a traffic police camera at a junction by the chemical park, looking west. */
export const CAMERA_EXAMPLE = {
  id: 'CAM-320411-0031',
  ts: '2026-11-28T09:00:00+08:00',
  crs: 'WGS84',
  name: '港区大道与春江路口（向西）',
  address: '新北区春江镇港区大道春江路口',
  location: { type: 'Point', coordinates: [119.9812, 32.0035] },
  heading: 270,
  fov: 60,
  status: 'online',
  streams: {
    hls: 'https://video.example.gov.cn/live/CAM-320411-0031/index.m3u8?token=3f9a7c21e8',
    whep: 'https://video.example.gov.cn/whep/CAM-320411-0031?token=3f9a7c21e8',
    still: 'https://video.example.gov.cn/snap/CAM-320411-0031.jpg?token=3f9a7c21e8',
  },
};

/** `## Coordinate systems`: an incident reported from a Baidu map (BD-09). */
export const CRS_EXAMPLE = {
  id: 'W20261128-0007',
  ts: '2026-11-28T14:10:00+08:00',
  crs: 'BD09',
  type: 'waterlogging',
  category: 'natural_disaster',
  level: 'IV',
  status: 'reported',
  title: '钟楼区下穿通道积水',
  location: { type: 'Point', coordinates: [119.957855, 31.775596] },
};
/** Where CRS_EXAMPLE is in WGS-84 (it was computed from this point). */
export const CRS_EXAMPLE_WGS84: LngLat = [119.9466, 31.772];

/** `## GeoJSON`: two risk areas as a FeatureCollection (a batch), one of them in GCJ-02. */
export const GEOJSON_EXAMPLE = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'RA-320411-012',
      properties: {
        ts: '2026-11-28T09:00:00+08:00',
        level: 'orange',
        name: '春江镇危化品仓储片区',
        assessedOn: '2026-10-15',
      },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [119.98, 32.0],
            [119.99, 32.0],
            [119.99, 32.008],
            [119.98, 32.008],
            [119.98, 32.0],
          ],
        ],
      },
    },
    {
      type: 'Feature',
      id: 'RA-320411-013',
      properties: {
        ts: '2026-11-28T09:00:00+08:00',
        crs: 'GCJ02',
        level: 'yellow',
        name: '魏村加油站片区',
        assessedOn: '2026-09-30',
      },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [120.001, 32.021],
              [120.004, 32.021],
              [120.004, 32.023],
              [120.001, 32.023],
              [120.001, 32.021],
            ],
          ],
          [
            [
              [120.008, 32.025],
              [120.01, 32.025],
              [120.01, 32.027],
              [120.008, 32.027],
              [120.008, 32.025],
            ],
          ],
        ],
      },
    },
  ],
};

/** `## weather`: an automatic weather station in the Binjiang chemical park. */
export const WEATHER_EXAMPLE = {
  id: 'AWS-XB-01',
  ts: '2026-07-10T14:05:00+08:00',
  crs: 'WGS84',
  type: 'met',
  name: '滨江化工园区自动气象站',
  location: { type: 'Point', coordinates: [119.958, 32.021] },
  wind: { speed: 6.3, direction: 45 },
  rain1h: 24.6,
  rain24h: 88.1,
  temperature: 24.2,
};

/** The JSON blocks of each section of docs/feeds.md this file owns, in document order. */
export const DOC_EXAMPLES: Record<string, unknown[]> = {
  '## Coordinate systems': [CRS_EXAMPLE],
  '## GeoJSON': [GEOJSON_EXAMPLE],
  '## `incident`': [INCIDENT_EXAMPLE],
  '## `resource`': [RESOURCE_EXAMPLE, POSITION_EXAMPLE, DEPOT_EXAMPLE],
  '## `riskarea`': [RISKAREA_EXAMPLE],
  '## `place`': [PLACE_EXAMPLE],
  '## `weather`': [WEATHER_EXAMPLE],
  '## `hiddenhazard`': [HIDDENHAZARD_EXAMPLE],
  '## `camera`': [CAMERA_EXAMPLE],
};

/** A plain message as a GeoJSON Feature: `field` becomes the geometry, `id` the Feature id. */
export function asFeature(message: Record<string, unknown>, field: string) {
  const { id, [field]: geometry, ...properties } = message;
  return { type: 'Feature', id, properties, geometry };
}
