import { defineSite } from './define-site';
import { combustibleGas, pressure, tankLevel, temperature, toxicGas } from './sensors';
import type { ScenarioSite } from './types';

/*
 * Binjiang chemical park (滨江经济开发区化工园区), Chunjiang, Xinbei district, on the south bank of
 * the Yangtze: its western half. Every enterprise here is FICTIONAL: names, register numbers and
 * addresses are made up for the demonstration and must not be read as describing real companies.
 */
const PARK = '常州市新北区春江镇滨江经济开发区';

export const BINJIANG_WEST_SITES: readonly ScenarioSite[] = [
  defineSite({
    agency: 'ent-bj-chengchuan',
    id: 'MH320411001',
    name: '液氯储罐区',
    enterprise: '常州滨江澄川氯碱化工有限公司',
    grade: 1,
    address: `${PARK}纬一路 18 号`,
    chemicals: { chlorine: 120, hydrogen: 1.5 },
    at: [119.951, 32.012],
    sensors: [
      tankLevel({ id: 'LT-101', name: '液氯储罐 V-101 液位', baseline: 62 }),
      tankLevel({ id: 'LT-102', name: '液氯储罐 V-102 液位', baseline: 48 }),
      pressure({
        id: 'PT-101',
        name: '液氯储罐 V-101 压力',
        baseline: 0.55,
        high: 0.9,
        highHigh: 1.1,
        max: 1.6,
      }),
      temperature({ id: 'TT-101', name: '液氯储罐区温度', baseline: 18, high: 35, highHigh: 40 }),
      toxicGas({ id: 'AT-101', name: '储罐区氯气浓度', gas: 'chlorine' }),
    ],
  }),
  defineSite({
    agency: 'ent-bj-jinglan',
    id: 'MH320411003',
    name: '液氨球罐区',
    enterprise: '常州滨江景澜化肥有限公司',
    grade: 1,
    address: `${PARK}纬三路 9 号`,
    chemicals: { ammonia: 300 },
    at: [119.944, 32.018],
    sensors: [
      tankLevel({ id: 'LT-301', name: '液氨球罐 V-301 液位', baseline: 58 }),
      pressure({
        id: 'PT-301',
        name: '液氨球罐 V-301 压力',
        baseline: 0.85,
        high: 1.4,
        highHigh: 1.6,
        max: 2.16,
      }),
      temperature({
        id: 'TT-301',
        name: '液氨球罐 V-301 温度',
        baseline: 20,
        high: 38,
        highHigh: 42,
      }),
      toxicGas({ id: 'AT-301', name: '球罐区氨气浓度', gas: 'ammonia' }),
    ],
  }),
  defineSite({
    agency: 'ent-bj-huaxin',
    id: 'MH320411006',
    name: '环氧乙烷储罐区',
    enterprise: '常州滨江华昕精细化学品有限公司',
    grade: 1,
    address: `${PARK}纬二路 35 号`,
    chemicals: { ethyleneOxide: 200, propyleneOxide: 150 },
    at: [119.957, 31.992],
    sensors: [
      tankLevel({ id: 'LT-601', name: '环氧乙烷储罐 V-601 液位', baseline: 46 }),
      // Ethylene oxide is kept chilled under a nitrogen blanket: both too hot and too little
      // blanket pressure are dangerous.
      temperature({
        id: 'TT-601',
        name: '环氧乙烷储罐 V-601 温度',
        baseline: 6,
        high: 15,
        highHigh: 20,
        noise: 0.2,
      }),
      pressure({
        id: 'PT-601',
        name: '环氧乙烷储罐 V-601 氮封压力',
        baseline: 0.28,
        lowLow: 0.1,
        low: 0.15,
        high: 0.45,
        highHigh: 0.55,
        max: 0.8,
      }),
      combustibleGas({ id: 'GT-601', name: '环氧乙烷罐区可燃气体' }),
      toxicGas({ id: 'AT-601', name: '环氧乙烷罐区有毒气体', gas: 'ethyleneOxide' }),
    ],
  }),
  defineSite({
    agency: 'ent-bj-qiyuan',
    id: 'MH320411009',
    name: '二硫化碳及硫化氢装置',
    enterprise: '常州滨江启源硫化工有限公司',
    grade: 2,
    address: `${PARK}纬四路 50 号`,
    chemicals: { carbonDisulfide: 200, hydrogenSulfide: 3 },
    at: [119.94, 32.002],
    sensors: [
      tankLevel({ id: 'LT-901', name: '二硫化碳储罐 T-901 液位', baseline: 50 }),
      pressure({
        id: 'PT-901',
        name: '二硫化碳储罐 T-901 氮封压力',
        baseline: 0.05,
        high: 0.12,
        highHigh: 0.15,
        max: 0.3,
      }),
      temperature({
        id: 'TT-901',
        name: '二硫化碳储罐 T-901 温度',
        baseline: 17,
        high: 30,
        highHigh: 35,
      }),
      combustibleGas({ id: 'GT-901', name: '装置区可燃气体' }),
      toxicGas({ id: 'AT-901', name: '装置区硫化氢浓度', gas: 'hydrogenSulfide' }),
    ],
  }),
  defineSite({
    agency: 'ent-bj-lanxin',
    id: 'MH320411010',
    name: '溶剂罐区及合成车间',
    enterprise: '常州滨江蓝芯医药中间体有限公司',
    grade: 4,
    address: `${PARK}经一路 120 号`,
    chemicals: { methanol: 300, acetone: 150, ethylAcetate: 200, dichloromethane: 180 },
    at: [119.947, 31.986],
    sensors: [
      tankLevel({ id: 'LT-1001', name: '甲醇储罐 T-1001 液位', baseline: 40 }),
      tankLevel({ id: 'LT-1002', name: '丙酮储罐 T-1002 液位', baseline: 57 }),
      temperature({
        id: 'TT-1001',
        name: '合成釜 R-1001 温度',
        baseline: 65,
        high: 80,
        highHigh: 90,
        noise: 0.4,
      }),
      combustibleGas({ id: 'GT-1001', name: '合成车间可燃气体' }),
    ],
  }),
  defineSite({
    agency: 'ent-bj-weining',
    id: 'MH320411011',
    name: '液体化工品码头库区',
    enterprise: '常州滨江威宁港务仓储有限公司',
    grade: 1,
    address: `${PARK}沿江路 1 号`,
    chemicals: { styrene: 8000, xylene: 6000, methanol: 12000 },
    at: [119.936, 32.026],
    sensors: [
      tankLevel({ id: 'LT-1101', name: '苯乙烯储罐 T-1101 液位', baseline: 66, lowAlarm: true }),
      tankLevel({ id: 'LT-1102', name: '二甲苯储罐 T-1102 液位', baseline: 38, lowAlarm: true }),
      tankLevel({ id: 'LT-1103', name: '甲醇储罐 T-1103 液位', baseline: 74, lowAlarm: true }),
      // Styrene polymerises if it warms up: the tank is kept cool.
      temperature({
        id: 'TT-1101',
        name: '苯乙烯储罐 T-1101 温度',
        baseline: 16,
        high: 25,
        highHigh: 30,
      }),
      combustibleGas({ id: 'GT-1101', name: '码头前沿可燃气体' }),
      combustibleGas({ id: 'GT-1102', name: '罐区泵房可燃气体' }),
    ],
  }),
];
