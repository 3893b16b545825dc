/**
 * GB 18218-2018 《危险化学品重大危险源辨识》 (Identification of major hazard installations for
 * hazardous chemicals), the tables the grading needs, with the clauses that use them:
 *
 * - 4.1 / 表1: named hazardous chemicals and their critical quantities Q (临界量, tonnes);
 * - 4.1 / 表2: critical quantities of the hazard categories (GB 30000 / GHS classes) for
 *   chemicals that 表1 does not name;
 * - 4.2 (式 1): identification — S = Σ qᵢ/Qᵢ ≥ 1 makes the unit a major hazard source;
 * - 4.3.2 (式 2): R = α · Σ βᵢ · qᵢ/Qᵢ, with β from 表3 (named toxic gases) or 表4 (the category
 *   of a chemical 表3 does not name) and α from 表5 (people within 500 m of the site's boundary);
 * - 4.3.3 / 表6: grade 一级 R ≥ 100, 二级 100 > R ≥ 50, 三级 50 > R ≥ 10, 四级 R < 10.
 *
 * Sources consulted (the standard's text is not freely published; figures were cross-checked
 * between them): the standard's foreword and clause list as reproduced at
 * jianbiaoku.com/webarbs/book/70409/4803690.shtml; the 2018 changes to 表1/表2 summarised at
 * siyuancloud.com/90.html; the grading method of 《危险化学品重大危险源监督管理暂行规定》 附件1
 * (m.163wenku.com/p-1105879.html, renrendoc.com/p-34342028.html), whose toxic-gas β, α and
 * R bands GB 18218-2018 表3, 表5 and 表6 took over unchanged; a public transcription of 表1–表6
 * (GitHub code search, "GB18218_TABLE4_CATEGORY_BETA_FACTORS"), whose category codes and β of
 * 表4 are used here and whose names were checked against CAS numbers.
 *
 * The category a chemical of 表1 falls in (for its β from 表4) is its GHS class as registered in
 * China's 危险化学品目录 classification: e.g. methanol and toluene are flammable liquids of
 * category 2 (W5.3), gasoline and carbon disulfide of category 1 (W5.1).
 */

/** 表2 / 表4 categories: code, what it covers, Q (表2, tonnes) and β (表4). */
export const GB18218_CATEGORIES = {
  J1: { text: '急性毒性 类别1，所有暴露途径，气体', q: 5, beta: 4 },
  J2: { text: '急性毒性 类别1，所有暴露途径，固体、液体', q: 50, beta: 1 },
  J3: { text: '急性毒性 类别2、类别3，所有暴露途径，气体', q: 50, beta: 2 },
  J4: { text: '急性毒性 类别2、类别3，吸入途径，液体（沸点≤35 ℃）', q: 50, beta: 2 },
  J5: { text: '急性毒性 类别2，所有暴露途径，液体（除J4外）、固体', q: 500, beta: 1 },
  'W1.1': { text: '爆炸物 不稳定爆炸物、1.1项爆炸物', q: 1, beta: 2 },
  'W1.2': { text: '爆炸物 1.2、1.3、1.5、1.6项爆炸物', q: 10, beta: 2 },
  'W1.3': { text: '爆炸物 1.4项爆炸物', q: 50, beta: 2 },
  W2: { text: '易燃气体 类别1和类别2', q: 10, beta: 1.5 },
  W3: { text: '气溶胶 类别1和类别2', q: 150, beta: 1 },
  W4: { text: '氧化性气体 类别1', q: 50, beta: 1 },
  'W5.1': { text: '易燃液体 类别1；类别2和3，工作温度高于沸点', q: 10, beta: 1.5 },
  'W5.2': { text: '易燃液体 类别2和3，具有引发重大事故的特殊工艺条件', q: 50, beta: 1 },
  'W5.3': { text: '易燃液体 不属于W5.1或W5.2的其他类别2', q: 1000, beta: 1 },
  'W5.4': { text: '易燃液体 不属于W5.1或W5.2的其他类别3', q: 5000, beta: 1 },
  'W6.1': { text: '自反应物质和混合物 A型和B型', q: 10, beta: 1.5 },
  'W6.2': { text: '自反应物质和混合物 C型、D型、E型', q: 50, beta: 1 },
  'W7.1': { text: '有机过氧化物 A型和B型', q: 10, beta: 1.5 },
  'W7.2': { text: '有机过氧化物 C型、D型、E型、F型', q: 50, beta: 1 },
  W8: { text: '自燃液体和自燃固体 类别1', q: 50, beta: 1 },
  'W9.1': { text: '氧化性固体和液体 类别1', q: 50, beta: 1 },
  'W9.2': { text: '氧化性固体和液体 类别2、类别3', q: 200, beta: 1 },
  W10: { text: '易燃固体 类别1', q: 200, beta: 1 },
  W11: { text: '遇水放出易燃气体的物质和混合物 类别1和类别2', q: 200, beta: 1 },
} as const;
export type Gb18218Category = keyof typeof GB18218_CATEGORIES;

/** 表3: β of the named toxic gases. */
export const GB18218_TOXIC_GAS_BETA = {
  carbonMonoxide: 2,
  sulfurDioxide: 2,
  ammonia: 2,
  ethyleneOxide: 2,
  hydrogenChloride: 3,
  methylBromide: 3,
  chlorine: 4,
  hydrogenSulfide: 5,
  hydrogenFluoride: 5,
  nitrogenDioxide: 10,
  hydrogenCyanide: 10,
  phosgene: 20,
  phosphine: 20,
  methylIsocyanate: 20,
} as const;

export interface Gb18218Substance {
  /** Names it goes by on registers (the first is 表1's), matched exactly. */
  names: readonly string[];
  en: string;
  cas: readonly string[];
  /** Where Q comes from: 表1 (named) or 表2 (its category). */
  table: 1 | 2;
  /** Critical quantity, tonnes. */
  q: number;
  /** The hazard category: 表2's Q for a chemical 表1 does not name, 表4's β when 表3 does not. */
  category: Gb18218Category;
}

const named = (
  names: string[],
  en: string,
  cas: string[],
  q: number,
  category: Gb18218Category,
): Gb18218Substance => ({ names, en, cas, table: 1, q, category });
const byCategory = (
  names: string[],
  en: string,
  cas: string[],
  category: Gb18218Category,
): Gb18218Substance => ({
  names,
  en,
  cas,
  table: 2,
  q: GB18218_CATEGORIES[category].q,
  category,
});

/**
 * The chemicals the product grades: every one the demonstration uses, the common ones of the
 * city's register, and the toxic gases of 表3. Keys are the product's own.
 */
export const GB18218_SUBSTANCES = {
  // 表1, toxic gases (β from 表3).
  ammonia: named(['氨', '液氨', '氨气', '氨（液氨）'], 'ammonia', ['7664-41-7'], 10, 'J3'),
  sulfurDioxide: named(['二氧化硫'], 'sulfur dioxide', ['7446-09-5'], 20, 'J3'),
  phosgene: named(['碳酰氯', '光气'], 'phosgene', ['75-44-5'], 0.3, 'J1'),
  ethyleneOxide: named(['环氧乙烷'], 'ethylene oxide', ['75-21-8'], 10, 'J3'),
  hydrogenSulfide: named(['硫化氢'], 'hydrogen sulfide', ['7783-06-4'], 5, 'J3'),
  hydrogenChloride: named(
    ['氯化氢（无水）', '氯化氢'],
    'hydrogen chloride',
    ['7647-01-0'],
    20,
    'J3',
  ),
  chlorine: named(['氯', '液氯', '氯气', '氯（液氯）'], 'chlorine', ['7782-50-5'], 5, 'J3'),
  carbonMonoxide: named(
    ['煤气（CO，CO和H2、CH4的混合物等）', '一氧化碳', '煤气'],
    'carbon monoxide (coal gas)',
    ['630-08-0'],
    20,
    'J3',
  ),
  methylBromide: named(['溴甲烷'], 'methyl bromide', ['74-83-9'], 10, 'J3'),
  hydrogenFluoride: named(['氟化氢'], 'hydrogen fluoride', ['7664-39-3'], 1, 'J1'),
  hydrogenCyanide: named(['氰化氢'], 'hydrogen cyanide', ['74-90-8'], 1, 'J1'),
  nitrogenDioxide: named(['二氧化氮'], 'nitrogen dioxide', ['10102-44-0'], 1, 'J1'),
  phosphine: named(['磷化氢'], 'phosphine', ['7803-51-2'], 1, 'J1'),
  methylIsocyanate: named(['异氰酸甲酯'], 'methyl isocyanate', ['624-83-9'], 0.75, 'J4'),
  // 表1, flammable gases (β from 表4, W2).
  butadiene: named(['1,3-丁二烯'], '1,3-butadiene', ['106-99-0'], 5, 'W2'),
  methane: named(
    ['甲烷，天然气', '甲烷', '天然气', '液化天然气', '天然气（甲烷）', '液化天然气（甲烷）'],
    'methane, natural gas',
    ['74-82-8', '8006-14-2'],
    50,
    'W2',
  ),
  vinylChloride: named(['氯乙烯'], 'vinyl chloride', ['75-01-4'], 50, 'W2'),
  hydrogen: named(['氢', '氢气'], 'hydrogen', ['1333-74-0'], 5, 'W2'),
  lpg: named(
    ['液化石油气', '液化石油气（丙烷）', '液化石油气（含丙烷、丁烷及其混合物）'],
    'LPG (propane, butane)',
    ['68476-85-7', '74-98-6', '106-97-8'],
    50,
    'W2',
  ),
  acetylene: named(['乙炔', '电石气'], 'acetylene', ['74-86-2'], 1, 'W2'),
  ethylene: named(['乙烯'], 'ethylene', ['74-85-1'], 50, 'W2'),
  // 表1, flammable liquids (β from 表4).
  benzene: named(['苯'], 'benzene', ['71-43-2'], 50, 'W5.3'),
  styrene: named(['苯乙烯'], 'styrene', ['100-42-5'], 500, 'W5.4'),
  acetone: named(['丙酮'], 'acetone', ['67-64-1'], 500, 'W5.3'),
  acrylonitrile: named(['2-丙烯腈', '丙烯腈'], 'acrylonitrile', ['107-13-1'], 50, 'W5.3'),
  carbonDisulfide: named(['二硫化碳'], 'carbon disulfide', ['75-15-0'], 50, 'W5.1'),
  cyclohexane: named(['环己烷'], 'cyclohexane', ['110-82-7'], 500, 'W5.3'),
  propyleneOxide: named(['1,2-环氧丙烷', '环氧丙烷'], 'propylene oxide', ['75-56-9'], 10, 'W5.1'),
  toluene: named(['甲苯'], 'toluene', ['108-88-3'], 500, 'W5.3'),
  methanol: named(['甲醇'], 'methanol', ['67-56-1'], 500, 'W5.3'),
  gasoline: named(
    ['汽油（乙醇汽油、甲醇汽油）', '汽油', '乙醇汽油', '甲醇汽油'],
    'gasoline',
    ['86290-81-5'],
    200,
    'W5.1',
  ),
  ethanol: named(['乙醇'], 'ethanol', ['64-17-5'], 500, 'W5.3'),
  ethylAcetate: named(['乙酸乙酯'], 'ethyl acetate', ['141-78-6'], 500, 'W5.3'),
  hexane: named(['正己烷'], 'n-hexane', ['110-54-3'], 500, 'W5.3'),
  // Not named in 表1: Q from 表2 by category.
  xylene: byCategory(['二甲苯'], 'xylene', ['1330-20-7'], 'W5.4'),
  acrylicAcid: byCategory(['丙烯酸'], 'acrylic acid', ['79-10-7'], 'W5.4'),
  butylAcetate: byCategory(['乙酸正丁酯'], 'n-butyl acetate', ['123-86-4'], 'W5.4'),
  silane: byCategory(['甲硅烷', '硅烷'], 'silane', ['7803-62-5'], 'W2'),
} as const satisfies Record<string, Gb18218Substance>;
export type Gb18218SubstanceKey = keyof typeof GB18218_SUBSTANCES;

/**
 * Chemicals on registers that GB 18218-2018 does not cover at all (no 表1 entry and no 表2
 * category): they are listed with the assessment but count for nothing.
 */
export const GB18218_NOT_COVERED: Readonly<Record<string, string>> = {
  // Dichloromethane: carcinogenicity category 2, acute toxicity category 4 at most.
  '75-09-2': '二氯甲烷',
};

/** 表5: α by the number of people within 500 m of the site's boundary. */
export const GB18218_ALPHA = [
  { min: 100, alpha: 2.0 },
  { min: 50, alpha: 1.5 },
  { min: 30, alpha: 1.2 },
  { min: 1, alpha: 1.0 },
  { min: 0, alpha: 0.5 },
] as const;

/** 表6: the lowest R of each grade. */
export const GB18218_GRADES = [
  { grade: 1, min: 100 },
  { grade: 2, min: 50 },
  { grade: 3, min: 10 },
  { grade: 4, min: 0 },
] as const;

/** 表5's distance: people within this many metres of the site count for α. */
export const GB18218_ALPHA_RADIUS_M = 500;
