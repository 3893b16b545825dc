import { describe, expect, it } from 'vitest';
import {
  INCIDENT_NEEDS,
  IncidentType,
  matchMaterials,
  type Incident,
  type Resource,
} from '@cc/shared';
import { DEMO_RESOURCES } from '../../demo/src/scenario/resources';
import { buildSupport } from '../../server/src/http/support';
import { SPEED_KMH } from '../../server/src/query/nearest';

/** Every item the demo's depots hold. */
const DEMO_ITEMS = DEMO_RESOURCES.flatMap((r) => r.inventory ?? []).map((l) => l.item);

const items = (type: IncidentType) =>
  matchMaterials(
    DEMO_ITEMS.map((item) => ({ item, quantity: 1 })),
    INCIDENT_NEEDS[type].materials,
  ).map((l) => l.item);

describe('what each incident type needs', () => {
  it.each(IncidentType.options)('%s: units that move and have a planning speed, once each', (t) => {
    const { resources } = INCIDENT_NEEDS[t];
    expect(resources.length).toBeGreaterThan(0);
    expect(new Set(resources).size).toBe(resources.length);
    for (const type of resources) expect(SPEED_KMH[type], type).toBeGreaterThan(0);
  });

  it('sends what the command center expects to the usual incidents', () => {
    expect(INCIDENT_NEEDS.fire.resources).toEqual(['fire_engine', 'rescue_team', 'ambulance']);
    expect(INCIDENT_NEEDS.hazmat_leak.resources).toEqual([
      'hazmat_unit',
      'fire_engine',
      'ambulance',
      'expert',
    ]);
    for (const t of ['flood', 'waterlogging'] as const) {
      expect(INCIDENT_NEEDS[t].resources).toEqual(['boat', 'rescue_team', 'heavy_machinery']);
    }
  });

  it('finds the right stock in the demo depots', () => {
    expect(items('fire')).toEqual(
      expect.arrayContaining(['抗溶性泡沫灭火剂', '正压式空气呼吸器', '应急照明灯']),
    );
    expect(items('fire')).not.toContain('救生衣');
    expect(items('hazmat_leak').sort()).toEqual(
      ['吸附棉', '重型防化服', '堵漏工具', '酸碱中和剂', '正压式空气呼吸器'].sort(),
    );
    expect(items('flood')).toEqual(
      expect.arrayContaining(['编织袋（沙袋）', '移动排涝泵', '防爆潜水泵', '救生衣', '铅丝石笼']),
    );
    expect(items('flood')).not.toContain('吸附棉');
    expect(items('earthquake')).toEqual(expect.arrayContaining(['救灾帐篷', '棉被', '饮用水']));
  });

  it('names no material that no demo depot holds (a typo would never match)', () => {
    for (const [type, { materials }] of Object.entries(INCIDENT_NEEDS)) {
      for (const word of materials) {
        expect(
          DEMO_ITEMS.some((item) => item.includes(word)),
          `${type}: ${word}`,
        ).toBe(true);
      }
    }
  });

  it('leaves out lines that are out of stock', () => {
    const lines = [
      { item: '泡沫灭火剂', quantity: 0, unit: '吨' },
      { item: '泡沫灭火剂（抗溶）', quantity: 3, unit: '吨' },
    ];
    expect(matchMaterials(lines, ['泡沫'])).toEqual([lines[1]]);
  });
});

describe('decision support on an empty picture', () => {
  it('still lists each needed type, with no candidates', () => {
    const incident: Incident = {
      id: 'a:i1',
      agency: 'a',
      ts: 1,
      type: 'hazmat_leak',
      category: 'accident_disaster',
      level: 'II',
      status: 'reported',
      title: '泄漏',
      casualties: { dead: 0, injured: 0, missing: 0, trapped: 0 },
      location: [119.9, 31.8],
    };
    const depot: Resource = {
      id: 'a:d',
      agency: 'a',
      ts: 1,
      type: 'material_depot',
      name: '仓库',
      status: 'available',
      location: [119.9, 31.8],
      inventory: [{ item: '棉被', quantity: 10, unit: '床' }],
    };
    const support = buildSupport({
      incident,
      radiusKm: 5,
      now: 42,
      hazards: [],
      readings: new Map(),
      alarms: [],
      places: [],
      resources: [depot],
      positions: new Map(),
    });
    expect(support).toEqual({
      incidentId: 'a:i1',
      radiusKm: 5,
      at: 42,
      hazards: [],
      places: [],
      resources: INCIDENT_NEEDS.hazmat_leak.resources.map((type) => ({ type, candidates: [] })),
      routes: [],
      depots: [],
      cameras: [],
    });
  });
});
