/**
 * Hazardous chemicals that appear in the scenario, with their CAS numbers. Names are the ones
 * used in GB 18218-2018 table 1 and on enterprises' hazard registers.
 */
export const CHEMICALS = {
  chlorine: { name: '氯（液氯）', cas: '7782-50-5' },
  ammonia: { name: '氨（液氨）', cas: '7664-41-7' },
  lpg: { name: '液化石油气（丙烷）', cas: '74-98-6' },
  methane: { name: '天然气（甲烷）', cas: '74-82-8' },
  lng: { name: '液化天然气（甲烷）', cas: '74-82-8' },
  hydrogen: { name: '氢气', cas: '1333-74-0' },
  methanol: { name: '甲醇', cas: '67-56-1' },
  ethanol: { name: '乙醇', cas: '64-17-5' },
  acetone: { name: '丙酮', cas: '67-64-1' },
  ethylAcetate: { name: '乙酸乙酯', cas: '141-78-6' },
  butylAcetate: { name: '乙酸正丁酯', cas: '123-86-4' },
  benzene: { name: '苯', cas: '71-43-2' },
  toluene: { name: '甲苯', cas: '108-88-3' },
  xylene: { name: '二甲苯', cas: '1330-20-7' },
  styrene: { name: '苯乙烯', cas: '100-42-5' },
  acrylonitrile: { name: '丙烯腈', cas: '107-13-1' },
  acrylicAcid: { name: '丙烯酸', cas: '79-10-7' },
  ethyleneOxide: { name: '环氧乙烷', cas: '75-21-8' },
  propyleneOxide: { name: '环氧丙烷', cas: '75-56-9' },
  vinylChloride: { name: '氯乙烯', cas: '75-01-4' },
  hydrogenSulfide: { name: '硫化氢', cas: '7783-06-4' },
  carbonDisulfide: { name: '二硫化碳', cas: '75-15-0' },
  carbonMonoxide: { name: '一氧化碳', cas: '630-08-0' },
  silane: { name: '甲硅烷', cas: '7803-62-5' },
  dichloromethane: { name: '二氯甲烷', cas: '75-09-2' },
} as const;
export type ChemicalKey = keyof typeof CHEMICALS;
