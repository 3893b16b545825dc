import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { enterpriseColour, type Hazard } from '@cc/shared';
import zhCN from '../../client/src/i18n/zh-CN.json';
import en from '../../client/src/i18n/en.json';
import { colourText } from '../../client/src/panels/risk-words';
import { countByDistrict } from '../../client/src/wall/risk-counts';

function translator(lng: 'zh-CN' | 'en'): TFunction {
  const i18n = i18next.createInstance();
  void i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const raised = enterpriseColour(
  {
    registered: 'orange',
    registeredGrade: 2,
    hhAlarms: [{ sensor: 'V-101', metric: 'level', value: 97, unit: '%' }],
    overdueHiddenHazard: false,
    warnings: [{ event: '暴雨', signal: 'orange' }],
  },
  1,
);

describe('a colour in words', () => {
  it('says the raise and each reason, in Chinese by default', () => {
    expect(colourText(translator('zh-CN'), raised)).toBe(
      '橙 → 红：二级报警（液位 97%）；暴雨橙色预警',
    );
  });

  it('says it in English too', () => {
    expect(colourText(translator('en'), raised)).toBe(
      'Orange → Red: second-stage alarm (Level 97 %); Orange 暴雨 warning',
    );
  });

  it('names the live grade and an unraised colour', () => {
    const t = translator('zh-CN');
    const live = enterpriseColour(
      {
        registeredGrade: 3,
        hhAlarms: [],
        overdueHiddenHazard: true,
        warnings: [],
        liveGrade: { grade: 2, R: 57 },
      },
      1,
    );
    expect(colourText(t, live)).toBe('黄 → 红：重大隐患逾期未整改；实时二级高于登记三级（R 57）');
    const calm = enterpriseColour(
      { registeredGrade: 4, hhAlarms: [], overdueHiddenHazard: false, warnings: [] },
      1,
    );
    expect(colourText(t, calm)).toBe('蓝（按登记分级）');
  });
});

describe('the four-colour panel', () => {
  const hazard = (
    id: string,
    enterprise: string,
    at: [number, number],
    colour: 'red' | 'blue',
  ): Hazard => ({
    id: `a:${id}`,
    agency: 'a',
    name: id,
    enterprise,
    grade: 2,
    chemicals: [],
    location: at,
    sensors: [],
    ts: 1,
    riskColour: { colour, inherent: colour, inherentSource: 'grade', reasons: [], at: 1 },
  });

  it('counts each enterprise once, in its worst colour, in its district (riverside sites too)', () => {
    const rows = countByDistrict([
      hazard('h1', '澄川', [119.951, 32.012], 'blue'),
      hazard('h2', '澄川', [119.952, 32.013], 'red'),
      hazard('h3', '华屿', [119.602, 31.728], 'blue'),
    ]);
    const row = (name: string) => rows.find((r) => r.district === name)!.counts;
    expect(row('新北区')).toEqual({ red: 1, orange: 0, yellow: 0, blue: 0 });
    expect(row('金坛区')).toEqual({ red: 0, orange: 0, yellow: 0, blue: 1 });
    expect(row('天宁区')).toEqual({ red: 0, orange: 0, yellow: 0, blue: 0 });
  });
});
