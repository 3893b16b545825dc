import type { LngLat } from '@cc/shared';

/**
 * A coarse road network of Changzhou (WGS-84 junctions joined by straight legs), enough for
 * vehicles to drive around the lakes instead of across them. Junctions sit on the main roads of
 * each district and town; legs follow the trunk roads only roughly.
 */
const NODES = {
  binjiang: [119.962, 31.998],
  weicun: [119.935, 32.008],
  chunjiang: [119.965, 31.962],
  luoxi: [119.87, 31.893],
  menghe: [119.84, 31.935],
  xuejia: [119.905, 31.846],
  sanjing: [119.955, 31.843],
  xinbei: [119.968, 31.825],
  hehai: [119.995, 31.848],
  benniu: [119.81, 31.85],
  zouqu: [119.83, 31.8],
  zhonglou: [119.932, 31.781],
  center: [119.958, 31.78],
  tianning: [120.002, 31.783],
  qingliang: [120.03, 31.8],
  qishuyan: [120.06, 31.757],
  henglin: [120.108, 31.738],
  yaoguan: [120.035, 31.724],
  niutang: [119.925, 31.732],
  hutang: [119.955, 31.706],
  wujinGaoxin: [120.005, 31.665],
  lijia: [119.99, 31.65],
  qianhuang: [119.975, 31.62],
  yaotang: [119.69, 31.762],
  jintan: [119.6, 31.732],
  jintanWest: [119.5, 31.702],
  bieqiao: [119.48, 31.58],
  liyangNorth: [119.48, 31.47],
  liyang: [119.485, 31.425],
  kunlun: [119.498, 31.402],
  tianmuhu: [119.455, 31.36],
} satisfies Record<string, LngLat>;
export type RoadNode = keyof typeof NODES;
export const ROAD_NODES: Readonly<Record<RoadNode, LngLat>> = NODES;

/** Two-way legs between junctions. */
export const ROAD_EDGES: readonly (readonly [RoadNode, RoadNode])[] = [
  ['binjiang', 'weicun'],
  ['binjiang', 'chunjiang'],
  ['weicun', 'chunjiang'],
  ['chunjiang', 'xinbei'],
  ['chunjiang', 'hehai'],
  ['chunjiang', 'luoxi'],
  ['chunjiang', 'menghe'],
  ['menghe', 'luoxi'],
  ['luoxi', 'xuejia'],
  ['luoxi', 'benniu'],
  ['xuejia', 'sanjing'],
  ['xuejia', 'benniu'],
  ['xuejia', 'zhonglou'],
  ['sanjing', 'xinbei'],
  ['xinbei', 'hehai'],
  ['xinbei', 'center'],
  ['hehai', 'tianning'],
  ['hehai', 'qingliang'],
  ['benniu', 'zouqu'],
  ['zouqu', 'zhonglou'],
  ['zouqu', 'yaotang'],
  ['zhonglou', 'center'],
  ['zhonglou', 'niutang'],
  ['center', 'tianning'],
  ['center', 'hutang'],
  ['tianning', 'qingliang'],
  ['tianning', 'qishuyan'],
  ['tianning', 'yaoguan'],
  ['qingliang', 'qishuyan'],
  ['qishuyan', 'henglin'],
  ['qishuyan', 'yaoguan'],
  ['henglin', 'yaoguan'],
  ['yaoguan', 'hutang'],
  ['yaoguan', 'wujinGaoxin'],
  ['niutang', 'hutang'],
  ['hutang', 'wujinGaoxin'],
  ['hutang', 'lijia'],
  ['wujinGaoxin', 'lijia'],
  ['lijia', 'qianhuang'],
  ['yaotang', 'jintan'],
  ['jintan', 'jintanWest'],
  ['jintanWest', 'bieqiao'],
  ['bieqiao', 'liyangNorth'],
  ['liyangNorth', 'liyang'],
  ['liyang', 'kunlun'],
  ['liyang', 'tianmuhu'],
];

/**
 * Water that a land unit must never be drawn on, as generous boxes (west, south, east, north):
 * the lakes 滆湖, 长荡湖, 太湖 (its Changzhou shore) and 天目湖, and the Yangtze north of the
 * Binjiang park. Tests check every position and every road leg against them.
 */
export const WATER_BOXES = {
  gehu: [119.74, 31.5, 119.9, 31.725],
  changdanghu: [119.51, 31.54, 119.64, 31.68],
  taihu: [120.0, 31.3, 120.25, 31.52],
  tianmuhu: [119.4, 31.26, 119.47, 31.325],
  yangtze: [119.8, 32.03, 120.1, 32.1],
} as const satisfies Record<string, readonly [number, number, number, number]>;

/** Where the demo may put anything that stands on land (lng 119.4–120.2, lat 31.3–32.05). */
export const DEMO_LAND_BBOX = { west: 119.4, south: 31.3, east: 120.2, north: 32.05 } as const;
