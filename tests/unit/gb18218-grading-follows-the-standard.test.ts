import { describe, expect, it } from 'vitest';
import {
  GB18218_CATEGORIES,
  HazardMessage,
  GB18218_SUBSTANCES,
  alphaFor,
  assessUnit,
  betaOf,
  findSubstance,
  gradeFor,
  tankTonnes,
  type Gb18218SubstanceKey,
} from '@cc/shared';

describe('GB 18218-2018 grading', () => {
  it('reproduces the worked example: 80 t ammonia, 30 t chlorine, 120 people → R 80, 二级', () => {
    const r = assessUnit({
      chemicals: [
        { name: '液氨', cas: '7664-41-7', tonnes: 80 },
        { name: '液氯', cas: '7782-50-5', tonnes: 30 },
      ],
      people: 120,
    });
    expect(r.alpha).toBe(2);
    expect(r.terms.map((t) => [t.substance, t.q, t.Q, t.beta])).toEqual([
      ['氨', 80, 10, 2],
      ['氯', 30, 5, 4],
    ]);
    expect(r.S).toBe(14);
    expect(r.R).toBe(80);
    expect(r.grade).toBe(2);
    expect(r.major).toBe(true);
  });

  it('identifies a major hazard source at Σ q/Q ≥ 1 and not below', () => {
    const below = assessUnit({ chemicals: [{ name: '甲醇', tonnes: 499 }], people: 0 });
    expect(below.S).toBeCloseTo(0.998, 3);
    expect(below.major).toBe(false);
    expect(below.grade).toBeNull();
    const at = assessUnit({ chemicals: [{ name: '甲醇', tonnes: 500 }], people: 0 });
    expect(at.major).toBe(true);
    expect(at.grade).toBe(4);
    // Several chemicals, each below its own Q, together above 1.
    const mixed = assessUnit({
      chemicals: [
        { name: '苯', tonnes: 30 },
        { name: '甲苯', tonnes: 300 },
      ],
      people: 10,
    });
    expect(mixed.S).toBeCloseTo(1.2, 6);
    expect(mixed.major).toBe(true);
  });

  it('takes α from 表5: ≥100 → 2.0, 50–99 → 1.5, 30–49 → 1.2, 1–29 → 1.0, 0 → 0.5', () => {
    expect([0, 1, 29, 30, 49, 50, 99, 100, 5000].map(alphaFor)).toEqual([
      0.5, 1, 1, 1.2, 1.2, 1.5, 1.5, 2, 2,
    ]);
  });

  it('grades by 表6: R ≥ 100 一级, ≥ 50 二级, ≥ 10 三级, else 四级', () => {
    expect([150, 100, 99.99, 50, 49.99, 10, 9.99, 0].map(gradeFor)).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4,
    ]);
  });

  // One chemical of each β category: the named toxic gases of 表3, and 表4's categories.
  const cases: [string, Gb18218SubstanceKey, number, 3 | 4][] = [
    ['表3 toxic gas β 2 (sulfur dioxide)', 'sulfurDioxide', 2, 3],
    ['表3 toxic gas β 3 (hydrogen chloride)', 'hydrogenChloride', 3, 3],
    ['表3 toxic gas β 4 (chlorine)', 'chlorine', 4, 3],
    ['表3 toxic gas β 5 (hydrogen sulfide)', 'hydrogenSulfide', 5, 3],
    ['表3 toxic gas β 10 (hydrogen cyanide)', 'hydrogenCyanide', 10, 3],
    ['表3 toxic gas β 20 (phosgene)', 'phosgene', 20, 3],
    ['表4 W2 flammable gas β 1.5 (LPG)', 'lpg', 1.5, 4],
    ['表4 W5.1 flammable liquid β 1.5 (gasoline)', 'gasoline', 1.5, 4],
    ['表4 W5.3 flammable liquid β 1 (methanol)', 'methanol', 1, 4],
    ['表4 W5.4 flammable liquid β 1 (xylene, Q from 表2)', 'xylene', 1, 4],
  ];
  it.each(cases)('%s', (_, key, beta, table) => {
    expect(betaOf(key)).toEqual({ beta, table });
    const s = GB18218_SUBSTANCES[key];
    // R of exactly Q tonnes with α 1 (1–29 people) is β.
    const r = assessUnit({ chemicals: [{ name: s.names[0]!, tonnes: s.q }], people: 10 });
    expect(r.R).toBeCloseTo(beta, 6);
  });

  it('gives every category of 表4 its β and 表2 its Q', () => {
    expect(GB18218_CATEGORIES.J1).toMatchObject({ q: 5, beta: 4 });
    expect(GB18218_CATEGORIES.J3).toMatchObject({ q: 50, beta: 2 });
    expect(GB18218_CATEGORIES['W1.1']).toMatchObject({ q: 1, beta: 2 });
    expect(GB18218_CATEGORIES['W5.4']).toMatchObject({ q: 5000, beta: 1 });
    expect(GB18218_CATEGORIES['W6.1']).toMatchObject({ q: 10, beta: 1.5 });
  });

  it('covers the chemicals the issue lists, by name and by CAS number', () => {
    const listed: [string, string, number][] = [
      ['氨', '7664-41-7', 10],
      ['氯', '7782-50-5', 5],
      ['硫化氢', '7783-06-4', 5],
      ['二氧化硫', '7446-09-5', 20],
      ['氰化氢', '74-90-8', 1],
      ['光气', '75-44-5', 0.3],
      ['氟化氢', '7664-39-3', 1],
      ['甲醇', '67-56-1', 500],
      ['苯', '71-43-2', 50],
      ['甲苯', '108-88-3', 500],
      ['液化石油气', '74-98-6', 50],
      ['天然气', '8006-14-2', 50],
      ['氢', '1333-74-0', 5],
      ['乙炔', '74-86-2', 1],
      ['环氧乙烷', '75-21-8', 10],
      ['汽油', '86290-81-5', 200],
    ];
    for (const [name, cas, q] of listed) {
      const key = findSubstance(name);
      expect(key, name).toBeDefined();
      expect(findSubstance(cas)).toBe(key);
      expect(GB18218_SUBSTANCES[key!].q, name).toBe(q);
    }
  });

  it('counts a tank live: capacity × level × density; a tank not yet heard from counts full', () => {
    expect(tankTonnes({ capacity: 100, density: 1.47 }, 50)).toBeCloseTo(73.5, 9);
    expect(tankTonnes({ capacity: 100, density: 1.47 }, 120)).toBeCloseTo(147, 9);
    const r = assessUnit({
      chemicals: [{ name: '氯（液氯）', cas: '7782-50-5', tonnes: 120 }],
      tanks: [
        { id: 'T-1', substance: '7782-50-5', capacity: 50, density: 1.4, level: 50 },
        { id: 'T-2', substance: '氯', capacity: 50, density: 1.4 },
      ],
      people: 0,
    });
    // Live contents replace the registered 120 t: 35 + 70 = 105 t.
    expect(r.terms).toEqual([
      expect.objectContaining({ substance: '氯', q: 105, Q: 5, beta: 4, source: 'tanks' }),
    ]);
    expect(r.R).toBeCloseTo(0.5 * 4 * 21, 6);
  });

  it('lists chemicals the tables do not cover and counts them for nothing', () => {
    const r = assessUnit({
      chemicals: [
        { name: '二氯甲烷', cas: '75-09-2', tonnes: 1000 },
        { name: '甲醇', tonnes: 1000 },
      ],
      people: 0,
    });
    expect(r.uncovered).toEqual(['二氯甲烷']);
    expect(r.S).toBe(2);
  });
});

describe('a hazard message with tanks', () => {
  const base = {
    id: 'H1',
    ts: '2026-01-01T00:00:00+08:00',
    name: '液氯储罐区',
    enterprise: '测试',
    grade: 2,
    location: { type: 'Point', coordinates: [119.9, 31.9] },
    sensors: [
      { id: 'LT-1', metric: 'level', unit: '%', thresholds: { high: 85 } },
      { id: 'PT-1', metric: 'pressure', unit: 'MPa', thresholds: { high: 1 } },
    ],
  };
  const tank = { id: 'T-1', substance: '氯', capacity: 50, density: 1.47 };

  it('is accepted when each tank names a level sensor (unit %) of the hazard', () => {
    expect(
      HazardMessage.safeParse({ ...base, tanks: [{ ...tank, levelSensor: 'LT-1' }] }).success,
    ).toBe(true);
  });

  it('is refused, naming the field, when a tank names another kind of sensor or none', () => {
    for (const levelSensor of ['PT-1', 'LT-9']) {
      const r = HazardMessage.safeParse({ ...base, tanks: [{ ...tank, levelSensor }] });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.path).toEqual(['tanks', 0, 'levelSensor']);
      expect(r.error!.issues[0]!.message).toContain(levelSensor);
    }
  });
});
