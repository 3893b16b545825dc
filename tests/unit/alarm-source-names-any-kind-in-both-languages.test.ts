import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import zhCN from '../../client/src/i18n/zh-CN.json';
import en from '../../client/src/i18n/en.json';
import {
  ALARM_SOURCE_KINDS,
  alarmSource,
  alarmSourceText,
} from '../../client/src/panels/alarm-source';

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

const named = (id: string, name: string) => new Map([[id, { id, name }]]);
const none = new Map();
// The store's slices, each holding one entity of its kind (typed loosely: only names are read).
const state = {
  hazards: named('cz-safety:H1', '滨江化工 甲类仓库'),
  stations: named('cz-weather:AWS-XB-01', '新北区自动站'),
  cameras: named('cz-video:C7', '长江路口'),
  places: named('cz-civil:S3', '红梅公园避难场所'),
  resources: named('cz-119:E1', '新北消防站 水罐车'),
  hiddenhazards: none,
  riskareas: none,
} as unknown as Parameters<typeof alarmSource>[1];

describe('an alarm names its source whatever its kind', () => {
  it('finds a station, a camera, a place and a unit by id, and says their kind', () => {
    const zh = translator('zh-CN');
    const text = (hazardId: string) =>
      alarmSourceText(alarmSource({ hazardId, agency: 'x' }, state), zh);
    expect(text('cz-weather:AWS-XB-01')).toBe('监测站 新北区自动站');
    expect(text('cz-video:C7')).toBe('视频点 长江路口');
    expect(text('cz-civil:S3')).toBe('场所 红梅公园避难场所');
    expect(text('cz-119:E1')).toBe('救援力量 新北消防站 水罐车');
    // A hazard by its name alone, as the wall always showed it.
    expect(text('cz-safety:H1')).toBe('滨江化工 甲类仓库');
    expect(alarmSource({ hazardId: 'cz-weather:AWS-XB-01', agency: 'x' }, state).kind).toBe(
      'station',
    );
  });

  it('says the same in English, and has a word for every kind', () => {
    const t = translator('en');
    expect(
      alarmSourceText(alarmSource({ hazardId: 'cz-weather:AWS-XB-01', agency: 'x' }, state), t),
    ).toBe('Station 新北区自动站');
    for (const kind of ALARM_SOURCE_KINDS) {
      for (const lng of ['zh-CN', 'en'] as const) {
        const word = translator(lng)(`alarms.sourceKind.${kind}`);
        expect(word, `${lng} ${kind}`).not.toBe(`alarms.sourceKind.${kind}`);
      }
    }
  });

  it('falls back to the id, not to "unknown hazard", when no entity is known', () => {
    const source = alarmSource({ hazardId: 'cz-weather:AWS-ZZ-99', agency: 'cz-weather' }, state);
    expect(source).toEqual({ kind: 'unknown', id: 'cz-weather:AWS-ZZ-99' });
    expect(alarmSourceText(source, translator('zh-CN'))).toBe('未知来源 cz-weather:AWS-ZZ-99');
    expect(alarmSourceText(source, translator('en'))).toBe('Unknown source cz-weather:AWS-ZZ-99');
    // A feed-wide alarm without an entity names its agency.
    expect(alarmSource({ agency: 'cz-weather' }, state)).toEqual({
      kind: 'unknown',
      id: 'cz-weather',
    });
  });
});
