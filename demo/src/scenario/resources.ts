import type { LngLat, ResourceType } from '@cc/shared';
import type { ResourceDef } from '../picture/types';

/*
 * The emergency resources of the demo: fire and rescue units, ambulances, traffic police, the
 * emergency-management bureau's teams, experts and depots, and the water bureau's flood units
 * (the bureau's emergency shelters are the `shelter` kind, shelters.ts, not resources). Stations
 * are placed at plausible spots in each district; names of stations follow the usual pattern, but
 * numbers, plates, people and stock are made up.
 */

type Extra = Omit<Partial<ResourceDef>, 'agency' | 'id' | 'type' | 'name' | 'station'>;

/**
 * A station's resources, parked a few metres apart: ids `{prefix}-{code}-{nn}` numbered per code,
 * or just `{prefix}` for the one facility of a place (code '').
 */
function station(agency: string, prefix: string, place: string, at: LngLat, phone?: string) {
  let parked = 0;
  const numbered = new Map<string, number>();
  return (code: string, type: ResourceType, label: string, extra: Extra = {}): ResourceDef => {
    parked += 1;
    const n = (numbered.get(code) ?? 0) + 1;
    numbered.set(code, n);
    return {
      agency,
      id: code === '' ? prefix : `${prefix}-${code}-${String(n).padStart(2, '0')}`,
      type,
      name: `${place}${label}`,
      station: [round6(at[0] + (parked - 1) * 0.00018), at[1]],
      ...(phone === undefined ? {} : { phone }),
      ...extra,
    };
  };
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

const FIRE = 'cz-119';
const bjFire = station(FIRE, 'BJ', '滨江特勤消防站', [119.966, 31.984], '0519-85101119');
const xbFire = station(FIRE, 'XB', '新北消防救援站', [119.961, 31.837], '0519-85102119');
const tnFire = station(FIRE, 'TN', '天宁消防救援站', [120.006, 31.789], '0519-85103119');
const zlFire = station(FIRE, 'ZL', '钟楼消防救援站', [119.926, 31.785], '0519-85104119');
const wjFire = station(FIRE, 'WJ', '武进特勤消防站', [119.948, 31.713], '0519-85105119');
const jkFire = station(FIRE, 'JK', '经开区消防救援站', [120.057, 31.761], '0519-85106119');
const jtFire = station(FIRE, 'JT', '金坛消防救援站', [119.59, 31.742], '0519-85107119');
const lyFire = station(FIRE, 'LY', '溧阳消防救援站', [119.479, 31.421], '0519-85108119');
const lxFire = station(FIRE, 'LX', '罗溪消防救援站', [119.876, 31.891], '0519-85109119');
const hqFire = station(FIRE, 'ZD', '常州市消防救援支队', [119.945, 31.807], '0519-85100119');

export const FIRE_RESOURCES: readonly ResourceDef[] = [
  bjFire('FE', 'fire_engine', ' 1 号水罐消防车', { members: 6 }),
  bjFire('FE', 'fire_engine', ' 2 号泡沫消防车', { members: 6 }),
  bjFire('HZ', 'hazmat_unit', '化学事故抢险救援车', { members: 5, speciality: '危化品侦检堵漏' }),
  xbFire('FE', 'fire_engine', ' 1 号水罐消防车', { members: 6 }),
  xbFire('FE', 'fire_engine', ' 2 号举高喷射消防车', { members: 4 }),
  xbFire('FE', 'fire_engine', ' 3 号抢险救援消防车', { members: 6 }),
  tnFire('FE', 'fire_engine', ' 1 号水罐消防车', { members: 6 }),
  tnFire('FE', 'fire_engine', ' 2 号泡沫消防车', { members: 6 }),
  zlFire('FE', 'fire_engine', ' 1 号水罐消防车', { members: 6 }),
  zlFire('FE', 'fire_engine', ' 2 号抢险救援消防车', { members: 6 }),
  zlFire('WR', 'rescue_team', '水域救援分队', { members: 15, speciality: '水域救援' }),
  zlFire('BT', 'boat', '水域救援冲锋舟（车载）', { members: 4, speciality: '水域救援' }),
  wjFire('FE', 'fire_engine', ' 1 号水罐消防车', { members: 6 }),
  wjFire('FE', 'fire_engine', ' 2 号泡沫消防车', { members: 6 }),
  wjFire('HZ', 'hazmat_unit', '化学事故抢险救援车', { members: 5, speciality: '危化品洗消' }),
  jkFire('FE', 'fire_engine', ' 1 号水罐消防车', { members: 6 }),
  jtFire('FE', 'fire_engine', ' 1 号水罐消防车', { members: 6 }),
  jtFire('FE', 'fire_engine', ' 2 号抢险救援消防车', { members: 6 }),
  lyFire('FE', 'fire_engine', ' 1 号水罐消防车', { members: 6 }),
  lyFire('FE', 'fire_engine', ' 2 号抢险救援消防车', { members: 6 }),
  lxFire('FE', 'fire_engine', ' 1 号水罐消防车', { members: 6 }),
  hqFire('RT', 'rescue_team', '地震（建筑坍塌）救援队', {
    members: 40,
    speciality: '建筑坍塌搜救',
  }),
];

const EMS = 'cz-120';
const ems = (prefix: string, place: string, at: LngLat) =>
  station(EMS, prefix, place, at, '0519-86660120');
const ems1 = ems('SY', '市第一人民医院急救站', [119.957, 31.776]);
const emsXb = ems('XB', '新北区人民医院急救站', [119.972, 31.829]);
const emsWj = ems('WJ', '武进人民医院急救站', [119.951, 31.694]);
const emsJt = ems('JT', '金坛人民医院急救站', [119.585, 31.746]);
const emsLy = ems('LY', '溧阳人民医院急救站', [119.49, 31.427]);
const emsBj = ems('BJ', '滨江急救分站', [119.969, 31.972]);
const emsJk = ems('JK', '经开区急救分站', [120.064, 31.751]);
const emsZl = ems('ZL', '钟楼急救分站', [119.917, 31.791]);
const emsTn = ems('TN', '天宁急救分站', [120.011, 31.801]);
const emsHq = ems('ZX', '常州市急救中心', [119.953, 31.79]);

export const EMS_RESOURCES: readonly ResourceDef[] = [
  ems1('AM', 'ambulance', ' 1 号救护车', { members: 3 }),
  ems1('AM', 'ambulance', ' 2 号负压救护车', { members: 3 }),
  emsXb('AM', 'ambulance', ' 1 号救护车', { members: 3 }),
  emsXb('AM', 'ambulance', ' 2 号救护车', { members: 3 }),
  emsWj('AM', 'ambulance', ' 1 号救护车', { members: 3 }),
  emsWj('AM', 'ambulance', ' 2 号监护型救护车', { members: 3 }),
  emsJt('AM', 'ambulance', ' 1 号救护车', { members: 3 }),
  emsLy('AM', 'ambulance', ' 1 号救护车', { members: 3 }),
  emsBj('AM', 'ambulance', ' 1 号救护车', { members: 3 }),
  emsJk('AM', 'ambulance', ' 1 号救护车', { members: 3 }),
  emsZl('AM', 'ambulance', ' 1 号救护车', { members: 3 }),
  emsTn('AM', 'ambulance', ' 1 号救护车', { members: 3 }),
  emsHq('AM', 'ambulance', ' 1 号监护型救护车', { members: 3 }),
  emsHq('MT', 'rescue_team', '紧急医学救援队', { members: 20, speciality: '紧急医学救援' }),
];

const POLICE = 'cz-police';
const police = (prefix: string, place: string, at: LngLat) =>
  station(POLICE, prefix, place, at, '0519-86882122');
const pTn = police('TN', '天宁交警大队', [120.0, 31.776]);
const pZl = police('ZL', '钟楼交警大队', [119.941, 31.771]);
const pXb = police('XB', '新北交警大队', [119.976, 31.818]);
const pWj = police('WJ', '武进交警大队', [119.961, 31.72]);
const pJk = police('JK', '经开区交警大队', [120.05, 31.751]);
const pGs = police('GS', '高速公路交警大队', [120.104, 31.739]);
const pJt = police('JT', '金坛交警大队', [119.596, 31.736]);
const pLy = police('LY', '溧阳交警大队', [119.488, 31.436]);

export const POLICE_RESOURCES: readonly ResourceDef[] = [
  pTn('PC', 'police_car', ' 1 号警车', { members: 2 }),
  pTn('PC', 'police_car', ' 2 号警车', { members: 2 }),
  pZl('PC', 'police_car', ' 1 号警车', { members: 2 }),
  pXb('PC', 'police_car', ' 1 号警车', { members: 2 }),
  pXb('PC', 'police_car', ' 2 号警车', { members: 2 }),
  pWj('PC', 'police_car', ' 1 号警车', { members: 2 }),
  pWj('PC', 'police_car', ' 2 号警车', { members: 2 }),
  pJk('PC', 'police_car', ' 1 号警车', { members: 2 }),
  pGs('PC', 'police_car', ' 1 号高速巡逻车', { members: 2 }),
  pGs('PC', 'police_car', ' 2 号高速巡逻车', { members: 2 }),
  pJt('PC', 'police_car', ' 1 号警车', { members: 2 }),
  pLy('PC', 'police_car', ' 1 号警车', { members: 2 }),
];

const EMERGENCY = 'cz-emergency';
const expert = (n: number, name: string, speciality: string, where: string, at: LngLat) =>
  station(
    EMERGENCY,
    `EX-${String(n).padStart(2, '0')}`,
    where,
    at,
    `0519-8888${6600 + n}`,
  )('', 'expert', name, { speciality });
const depotCity = station(EMERGENCY, 'CK', '常州市应急物资储备库', [119.931, 31.861]);
const depotBj = station(EMERGENCY, 'BJCK', '滨江化工园区危化品应急物资库', [119.973, 31.982]);
const machineryWj = station(EMERGENCY, 'JXWJ', '武进工程机械救援基地', [119.931, 31.737]);
const machineryXb = station(EMERGENCY, 'JXXB', '新北工程机械救援基地', [119.904, 31.862]);
const teamBj = station(EMERGENCY, 'DT-BJ', '常州市危化品应急救援队', [119.976, 31.99]);
const teamJt = station(EMERGENCY, 'DT-JT', '常州市工程抢险救援队', [119.611, 31.741]);

export const EMERGENCY_RESOURCES: readonly ResourceDef[] = [
  expert(1, '（危险化学品）王建国', '危险化学品安全', '市应急管理局专家库', [119.948, 31.812]),
  expert(2, '（消防工程）李晓明', '消防工程', '市应急管理局专家库', [119.951, 31.815]),
  expert(3, '（结构工程）陈志强', '建筑结构与坍塌评估', '常州大学', [119.958, 31.683]),
  expert(4, '（中毒救治）刘海燕', '职业中毒医学救治', '市第一人民医院', [119.959, 31.777]),
  expert(5, '（地质灾害）周伟', '地质灾害防治', '溧阳市自然资源局', [119.482, 31.43]),
  depotCity('', 'material_depot', '', {
    inventory: [
      { item: '救灾帐篷', quantity: 500, unit: '顶', minimum: 300 },
      { item: '折叠床', quantity: 2000, unit: '张' },
      { item: '棉被', quantity: 5000, unit: '床', minimum: 3000 },
      { item: '应急照明灯', quantity: 800, unit: '台' },
      { item: '移动发电机', quantity: 40, unit: '台', minimum: 20 },
      { item: '救生衣', quantity: 1500, unit: '件', minimum: 1000 },
      { item: '饮用水', quantity: 12000, unit: '箱' },
      { item: '方便食品', quantity: 8000, unit: '箱' },
    ],
  }),
  depotBj('', 'material_depot', '', {
    inventory: [
      { item: '抗溶性泡沫灭火剂', quantity: 60, unit: '吨' },
      { item: '吸附棉', quantity: 8, unit: '吨' },
      { item: '重型防化服', quantity: 120, unit: '套' },
      { item: '正压式空气呼吸器', quantity: 80, unit: '具' },
      { item: '堵漏工具', quantity: 30, unit: '套' },
      { item: '酸碱中和剂', quantity: 15, unit: '吨' },
      { item: '防爆潜水泵', quantity: 12, unit: '台' },
    ],
  }),
  machineryWj('WJJ', 'heavy_machinery', '履带式挖掘机', { members: 2 }),
  machineryWj('QZJ', 'heavy_machinery', ' 50 吨汽车起重机', { members: 3 }),
  machineryXb('WJJ', 'heavy_machinery', '履带式挖掘机', { members: 2 }),
  machineryXb('ZZJ', 'heavy_machinery', '轮式装载机', { members: 2 }),
  teamBj('', 'rescue_team', '', { members: 24, speciality: '危化品事故处置' }),
  teamJt('', 'rescue_team', '', { members: 30, speciality: '工程抢险与坍塌救援' }),
];

const WATER = 'cz-water';
const waterCity = station(WATER, 'FX', '常州市水利局', [119.905, 31.79], '0519-85680110');
const waterLy = station(WATER, 'FX-LY', '溧阳市水利局', [119.476, 31.441], '0519-87210110');

export const WATER_RESOURCES: readonly ResourceDef[] = [
  waterCity('', 'material_depot', '防汛物资仓库', {
    inventory: [
      { item: '编织袋（沙袋）', quantity: 50000, unit: '条', minimum: 30000 },
      { item: '砂石料', quantity: 3000, unit: '立方米' },
      { item: '移动排涝泵', quantity: 60, unit: '台', minimum: 40 },
      { item: '救生衣', quantity: 2000, unit: '件' },
      { item: '土工布', quantity: 20000, unit: '平方米' },
    ],
  }),
  waterCity('QX', 'rescue_team', '防汛抢险队', { members: 50, speciality: '防汛抢险' }),
  waterCity('BC', 'heavy_machinery', ' 1 号排涝泵车（3000 立方米/小时）', { members: 3 }),
  waterCity('BC', 'heavy_machinery', ' 2 号排涝泵车（3000 立方米/小时）', { members: 3 }),
  waterCity('BT', 'boat', '冲锋舟（车载）', { members: 3, speciality: '水上转移' }),
  waterLy('', 'material_depot', '防汛物资仓库', {
    inventory: [
      { item: '编织袋（沙袋）', quantity: 20000, unit: '条' },
      { item: '移动排涝泵', quantity: 20, unit: '台' },
      { item: '救生衣', quantity: 600, unit: '件' },
      { item: '铅丝石笼', quantity: 400, unit: '个' },
    ],
  }),
  waterLy('QX', 'rescue_team', '防汛抢险队', { members: 30, speciality: '防汛抢险' }),
];

export const DEMO_RESOURCES: readonly ResourceDef[] = [
  ...FIRE_RESOURCES,
  ...EMS_RESOURCES,
  ...POLICE_RESOURCES,
  ...EMERGENCY_RESOURCES,
  ...WATER_RESOURCES,
];

/**
 * Resources that never leave their place: an order to them is answered without a trip (the demo
 * lists no `shelter` resource now, but one would stay put).
 */
export const FIXED_TYPES: ReadonlySet<ResourceType> = new Set(['material_depot', 'shelter']);

/** Travel speed by type, km/h, on the demo's roads. */
export const SPEED_KMH: Readonly<Partial<Record<ResourceType, number>>> = {
  fire_engine: 45,
  hazmat_unit: 40,
  rescue_team: 45,
  ambulance: 55,
  police_car: 60,
  heavy_machinery: 30,
  boat: 40,
  expert: 50,
  helicopter: 180,
};
