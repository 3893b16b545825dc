/** A meteorological warning the demo's weather bureau keeps in force (CAP 1.2, re-issued). */
export interface WarningDef {
  /** Stable part of the CAP identifiers: the alert is `CZQXT-{code}`, updates `…-U{n}`. */
  code: string;
  event: { zh: string; en: string };
  /** The signal colour as the `预警信号` parameter says it. */
  signal: '蓝色' | '黄色' | '橙色' | '红色';
  signalEn: 'Blue' | 'Yellow' | 'Orange' | 'Red';
  severity: 'Minor' | 'Moderate' | 'Severe' | 'Extreme';
  urgency: 'Immediate' | 'Expected';
  certainty: 'Observed' | 'Likely';
  headline: { zh: string; en: string };
  description: string;
  instruction: string;
  /** GB/T 2260 codes of the districts the warning covers; drawn as simplified outlines. */
  districts: readonly string[];
  /** How long each issue stays valid; re-issued (CAP Update) before that runs out. */
  validForMs: number;
}

const HOUR = 3_600_000;

export const CAP_SENDER = 'czqxt@cma.gov.cn';
export const WEATHER_AGENCY = 'cz-weather';
export const WEATHER_SENDER_NAME = '常州市气象台';

export const DEMO_WARNINGS: readonly WarningDef[] = [
  {
    code: 'RAIN',
    event: { zh: '暴雨', en: 'Rainstorm' },
    signal: '黄色',
    signalEn: 'Yellow',
    severity: 'Moderate',
    urgency: 'Expected',
    certainty: 'Likely',
    headline: {
      zh: '常州市气象台发布暴雨黄色预警信号',
      en: 'Changzhou Meteorological Observatory issues a rainstorm yellow warning',
    },
    description:
      '预计未来 6 小时内钟楼区、天宁区、新北区降雨量将达 50 毫米以上，局部伴有雷电和短时大风。',
    instruction: '注意防范城市内涝，低洼地带人员及时转移，驾车避开积水路段。',
    districts: ['320404', '320402', '320411'],
    validForMs: 3 * HOUR,
  },
  {
    code: 'FOG',
    event: { zh: '大雾', en: 'Fog' },
    signal: '蓝色',
    signalEn: 'Blue',
    severity: 'Minor',
    urgency: 'Expected',
    certainty: 'Likely',
    headline: {
      zh: '常州市气象台发布大雾蓝色预警信号',
      en: 'Changzhou Meteorological Observatory issues a fog blue warning',
    },
    description: '预计未来 12 小时内金坛区、溧阳市将出现能见度小于 1000 米的雾，局部小于 500 米。',
    instruction: '驾驶人员注意雾的变化，减速慢行，保持安全车距。',
    districts: ['320413', '320481'],
    validForMs: 4 * HOUR,
  },
  {
    code: 'HEAT',
    event: { zh: '高温', en: 'Heat' },
    signal: '橙色',
    signalEn: 'Orange',
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Likely',
    headline: {
      zh: '常州市气象台发布高温橙色预警信号',
      en: 'Changzhou Meteorological Observatory issues a heat orange warning',
    },
    description: '预计未来 24 小时内武进区最高气温将升至 37℃ 以上。',
    instruction: '高温时段停止户外露天作业，危化品企业加强储罐喷淋降温和巡检。',
    districts: ['320412'],
    validForMs: 6 * HOUR,
  },
];
