import {
  GB18218_ALPHA_RADIUS_M,
  areaContains,
  assessUnit,
  distanceM,
  enterpriseColour,
  tankTonnes,
  type AlphaSource,
  type Assessment,
  type Hazard,
  type Place,
  type Reading,
  type RiskColour,
  type Warning,
} from '@cc/shared';

/** What a hazard's grading and colour depend on besides its own sensors. */
export interface Surroundings {
  places: readonly Place[];
  /** Warnings in the picture (expired ones are swept out; `onset` and `expires` are checked). */
  warnings: readonly Warning[];
  /** Site and enterprise ids with an overdue major hidden hazard. */
  overdue: ReadonlySet<string>;
}

/** α's head count: people of the places within 500 m, plus the residents the hazard declares. */
export function peopleAround(
  hazard: Hazard,
  places: readonly Place[],
): { people: number; source: AlphaSource } {
  let people = 0;
  let near = 0;
  for (const place of places) {
    if (distanceM(hazard.location, place.location) <= GB18218_ALPHA_RADIUS_M) {
      people += place.people;
      near++;
    }
  }
  const residents = hazard.residents;
  if (residents !== undefined) people += residents;
  const source: AlphaSource =
    near > 0
      ? residents === undefined
        ? 'places'
        : 'places+residents'
      : residents === undefined
        ? 'none'
        : 'residents';
  return { people, source };
}

/**
 * One hazard's GB 18218 assessment and dynamic colour from stored state: its tanks' levels and
 * its sensors' alarm levels (`readings`, by sensor id), the places, warnings and overdue hidden
 * hazards around it. Pure.
 */
export function assessHazard(
  hazard: Hazard,
  readings: ReadonlyMap<string, Reading>,
  around: Surroundings,
  now: number,
  /** α's head count when the caller has it already (`peopleAround` of the same places). */
  counted: { people: number; source: AlphaSource } = peopleAround(hazard, around.places),
): { assessment: Assessment; riskColour: RiskColour } {
  const { people, source } = counted;
  const tanks = (hazard.tanks ?? []).map((t) => ({
    id: t.id,
    ...(t.name === undefined ? {} : { name: t.name }),
    substance: t.substance,
    capacity: t.capacity,
    density: t.density,
    level: readings.get(t.levelSensor)?.value,
  }));
  const result = assessUnit({ chemicals: hazard.chemicals, tanks, people });
  const assessment: Assessment = {
    R: result.R,
    S: result.S,
    grade: result.grade,
    registeredGrade: hazard.grade,
    alpha: result.alpha,
    people,
    alphaSource: source,
    terms: result.terms.map(({ key: _key, ...term }) => term),
    tanks: tanks.map((t) => ({
      id: t.id,
      ...(t.name === undefined ? {} : { name: t.name }),
      substance: t.substance,
      ...(t.level === undefined ? {} : { level: t.level }),
      // A tank not heard from yet counts full (the design maximum), as in the grading.
      tonnes: Math.round(tankTonnes(t, t.level ?? 100) * 1000) / 1000,
    })),
    uncovered: result.uncovered,
    at: now,
  };
  const hhAlarms = hazard.sensors.flatMap((s) => {
    const r = readings.get(s.id);
    if (!r || (r.level !== 'HH' && r.level !== 'LL')) return [];
    return [
      {
        sensor: s.name ?? s.id.slice(s.id.indexOf(':') + 1),
        metric: s.metric,
        value: r.value,
        unit: s.unit,
      },
    ];
  });
  const warnings = around.warnings.flatMap((w) =>
    (w.signal === 'orange' || w.signal === 'red') &&
    w.msgType !== 'cancel' &&
    (w.onset ?? 0) <= now &&
    w.expires > now &&
    w.areas.some((a) => areaContains(a.geometry, hazard.location))
      ? [{ event: w.event, signal: w.signal }]
      : [],
  );
  const riskColour = enterpriseColour(
    {
      registered: hazard.riskLevel,
      registeredGrade: hazard.grade,
      liveGrade: { grade: result.grade, R: result.R },
      hhAlarms,
      overdueHiddenHazard:
        around.overdue.has(hazard.id) ||
        around.overdue.has(hazard.agency) ||
        around.overdue.has(hazard.enterprise),
      warnings,
    },
    now,
  );
  return { assessment, riskColour };
}

/**
 * How a new assessment differs from the stored one: `news` (none stored, or the grade, α, the
 * terms or the tanks changed) is written at once; `drift` (R moved by 2 % or more, nothing else)
 * is written at most every `RISK_REFRESH_MS`; `none` is not written. A level wandering by a few
 * tenths of a percent is not news, and neither is a tank filling slowly until it changes the
 * grade: screens see the live level on the sensor itself.
 */
export function assessmentChange(
  prev: Assessment | undefined,
  next: Assessment,
): 'news' | 'drift' | 'none' {
  if (!prev) return 'news';
  if (
    prev.grade !== next.grade ||
    prev.registeredGrade !== next.registeredGrade ||
    prev.alpha !== next.alpha ||
    prev.people !== next.people ||
    prev.alphaSource !== next.alphaSource ||
    prev.terms.length !== next.terms.length ||
    prev.tanks.length !== next.tanks.length ||
    prev.terms.some((t, i) => t.substance !== next.terms[i]!.substance) ||
    prev.tanks.some((t, i) => (t.level === undefined) !== (next.tanks[i]!.level === undefined))
  ) {
    return 'news';
  }
  return Math.abs(next.R - prev.R) >= Math.max(0.05, 0.02 * prev.R) ? 'drift' : 'none';
}

/** A drifting R (same grade) is written at most this often per hazard. */
export const RISK_REFRESH_MS = 30_000;
