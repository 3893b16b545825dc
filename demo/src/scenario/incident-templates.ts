import type { IncidentLevel, LngLat, ResourceType } from '@cc/shared';
import type { IncidentDef } from '../picture/types';

/** A town or street where the demo's everyday incidents happen (on land, off the lakes). */
export interface Place {
  /** e.g. 新北区河海街道 */
  name: string;
  at: LngLat;
}

export const PLACES: readonly Place[] = [
  { name: '新北区河海街道', at: [119.995, 31.848] },
  { name: '新北区薛家镇', at: [119.905, 31.845] },
  { name: '新北区罗溪镇', at: [119.872, 31.89] },
  { name: '新北区春江镇', at: [119.965, 31.96] },
  { name: '新北区三井街道', at: [119.957, 31.84] },
  { name: '天宁区红梅街道', at: [119.99, 31.795] },
  { name: '天宁区青龙街道', at: [120.015, 31.805] },
  { name: '天宁区雕庄街道', at: [120.03, 31.775] },
  { name: '钟楼区南大街街道', at: [119.952, 31.779] },
  { name: '钟楼区北港街道', at: [119.91, 31.78] },
  { name: '钟楼区邹区镇', at: [119.83, 31.8] },
  { name: '武进区湖塘镇', at: [119.955, 31.708] },
  { name: '武进区牛塘镇', at: [119.925, 31.73] },
  { name: '武进区礼嘉镇', at: [119.99, 31.65] },
  { name: '武进区前黄镇', at: [119.975, 31.62] },
  { name: '经开区横林镇', at: [120.105, 31.738] },
  { name: '经开区遥观镇', at: [120.035, 31.725] },
  { name: '经开区戚墅堰街道', at: [120.06, 31.758] },
  { name: '金坛区金城镇', at: [119.595, 31.74] },
  { name: '金坛区尧塘街道', at: [119.69, 31.76] },
  { name: '溧阳市溧城街道', at: [119.485, 31.425] },
  { name: '溧阳市昆仑街道', at: [119.5, 31.405] },
];

/** Units an incident of a kind calls for: `count` of `type` from `agency`, nearest first. */
export interface Need {
  agency: string;
  type: ResourceType;
  count: number;
}

/** An everyday or a serious incident the demo generates while it runs. */
export interface IncidentTemplate {
  agency: string;
  type: IncidentDef['type'];
  category: IncidentDef['category'];
  /** Possible levels with their weights. */
  levels: readonly (readonly [IncidentLevel, number])[];
  title: (place: string) => string;
  description: string;
  injured: readonly [number, number];
  needs: readonly Need[];
  /** Radius of an evacuation perimeter drawn as the incident's area, km. */
  perimeterKm?: number;
  /** Happens at one of the scenario's major hazard sources (title names the enterprise). */
  atHazardSite?: true;
}

const fire = (title: (p: string) => string, description: string): IncidentTemplate => ({
  agency: 'cz-119',
  type: 'fire',
  category: 'accident_disaster',
  levels: [
    ['IV', 4],
    ['III', 1],
  ],
  title,
  description,
  injured: [0, 2],
  needs: [
    { agency: 'cz-119', type: 'fire_engine', count: 2 },
    { agency: 'cz-120', type: 'ambulance', count: 1 },
  ],
});

/** Everyday incidents: level IV, sometimes III. */
export const EVERYDAY_INCIDENTS: readonly IncidentTemplate[] = [
  fire((p) => `${p}居民楼火灾`, '居民楼室内起火，有浓烟，消防力量赶赴现场。'),
  fire((p) => `${p}厂房火灾`, '企业生产厂房起火，明火可见，正组织人员疏散。'),
  fire((p) => `${p}电动自行车棚火灾`, '小区电动自行车棚起火，波及周边车辆。'),
  {
    agency: 'cz-police',
    type: 'traffic',
    category: 'accident_disaster',
    levels: [
      ['IV', 5],
      ['III', 1],
    ],
    title: (p) => `${p}路口两车相撞事故`,
    description: '两车相撞，车内有人员受伤，路口通行缓慢。',
    injured: [1, 3],
    needs: [
      { agency: 'cz-police', type: 'police_car', count: 1 },
      { agency: 'cz-120', type: 'ambulance', count: 1 },
    ],
  },
  {
    agency: 'cz-water',
    type: 'waterlogging',
    category: 'natural_disaster',
    levels: [['IV', 1]],
    title: (p) => `${p}道路积水`,
    description: '强降雨致路段积水约 30 厘米，部分车辆熄火。',
    injured: [0, 0],
    needs: [
      { agency: 'cz-water', type: 'heavy_machinery', count: 1 },
      { agency: 'cz-water', type: 'rescue_team', count: 1 },
    ],
  },
  {
    agency: 'cz-119',
    type: 'hazmat_leak',
    category: 'accident_disaster',
    levels: [
      ['IV', 3],
      ['III', 1],
    ],
    title: (p) => `${p}燃气管道泄漏`,
    description: '施工挖断燃气管道，现场有明显气味，已设置警戒区。',
    injured: [0, 0],
    needs: [
      { agency: 'cz-119', type: 'hazmat_unit', count: 1 },
      { agency: 'cz-119', type: 'fire_engine', count: 1 },
      { agency: 'cz-police', type: 'police_car', count: 1 },
    ],
    perimeterKm: 0.2,
  },
];

/** Serious incidents (level II, rarely I): the ones a video wall must not let anyone miss. */
export const SERIOUS_INCIDENTS: readonly IncidentTemplate[] = [
  {
    agency: 'cz-emergency',
    type: 'explosion',
    category: 'accident_disaster',
    levels: [
      ['II', 9],
      ['I', 1],
    ],
    title: (p) => `${p}爆炸着火`,
    description: '储罐区发生爆炸并引发火灾，园区启动一级响应，周边 1.5 公里范围人员紧急疏散。',
    injured: [5, 12],
    needs: [
      { agency: 'cz-119', type: 'fire_engine', count: 3 },
      { agency: 'cz-119', type: 'hazmat_unit', count: 1 },
      { agency: 'cz-120', type: 'ambulance', count: 2 },
      { agency: 'cz-police', type: 'police_car', count: 1 },
      { agency: 'cz-emergency', type: 'expert', count: 1 },
    ],
    perimeterKm: 1.5,
    atHazardSite: true,
  },
  {
    agency: 'cz-119',
    type: 'explosion',
    category: 'accident_disaster',
    levels: [
      ['II', 9],
      ['I', 1],
    ],
    title: (p) => `${p}居民小区燃气爆炸`,
    description: '居民楼燃气爆炸致部分楼体受损，有人员被困，周边 300 米范围已疏散。',
    injured: [6, 15],
    needs: [
      { agency: 'cz-119', type: 'fire_engine', count: 2 },
      { agency: 'cz-119', type: 'rescue_team', count: 1 },
      { agency: 'cz-120', type: 'ambulance', count: 3 },
      { agency: 'cz-police', type: 'police_car', count: 1 },
      { agency: 'cz-emergency', type: 'heavy_machinery', count: 1 },
    ],
    perimeterKm: 0.3,
  },
];
