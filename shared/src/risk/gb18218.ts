import {
  GB18218_ALPHA,
  GB18218_CATEGORIES,
  GB18218_GRADES,
  GB18218_NOT_COVERED,
  GB18218_SUBSTANCES,
  GB18218_TOXIC_GAS_BETA,
  type Gb18218Substance,
  type Gb18218SubstanceKey,
} from './gb18218-tables';

/** A GB 18218 grade: 1 (一级) is the most dangerous. */
export type Gb18218Grade = 1 | 2 | 3 | 4;

const byCas = new Map<string, Gb18218SubstanceKey>();
const byName = new Map<string, Gb18218SubstanceKey>();
for (const [key, s] of Object.entries(GB18218_SUBSTANCES) as [
  Gb18218SubstanceKey,
  Gb18218Substance,
][]) {
  for (const cas of s.cas) if (!byCas.has(cas)) byCas.set(cas, key);
  for (const name of s.names) byName.set(name, key);
}

const CAS = /^\d{2,7}-\d{2}-\d$/;

/**
 * The table entry of a chemical as a register names it: by CAS number first, else by name
 * (either may be given in `text`, as a tank's `substance` is). Undefined: not in the tables.
 */
export function findSubstance(
  ref: { name?: string | undefined; cas?: string | undefined } | string,
): Gb18218SubstanceKey | undefined {
  const { name, cas } =
    typeof ref === 'string' ? (CAS.test(ref) ? { cas: ref, name: undefined } : { name: ref }) : ref;
  const hit = cas === undefined ? undefined : byCas.get(cas);
  if (hit) return hit;
  return name === undefined ? undefined : byName.get(name.trim());
}

/** Whether GB 18218-2018 leaves the chemical out altogether (it counts for nothing). */
export function notCovered(cas: string | undefined): boolean {
  return cas !== undefined && cas in GB18218_NOT_COVERED;
}

/** β of a chemical (4.3.2): 表3 for the named toxic gases, else 表4 by its category. */
export function betaOf(key: Gb18218SubstanceKey): { beta: number; table: 3 | 4 } {
  const toxic = (GB18218_TOXIC_GAS_BETA as Record<string, number>)[key];
  if (toxic !== undefined) return { beta: toxic, table: 3 };
  return { beta: GB18218_CATEGORIES[GB18218_SUBSTANCES[key].category].beta, table: 4 };
}

/** α (表5) for the number of people within 500 m of the site. */
export function alphaFor(people: number): number {
  for (const band of GB18218_ALPHA) if (people >= band.min) return band.alpha;
  return GB18218_ALPHA[GB18218_ALPHA.length - 1]!.alpha;
}

/** The grade (表6) of a major hazard source with this R. */
export function gradeFor(r: number): Gb18218Grade {
  for (const band of GB18218_GRADES) if (r >= band.min) return band.grade;
  return 4;
}

/** Tonnes held in a tank: capacity (m³) × level (%) × density (t/m³). */
export function tankTonnes(tank: { capacity: number; density: number }, levelPct: number): number {
  const level = Math.min(100, Math.max(0, levelPct));
  return (tank.capacity * level * tank.density) / 100;
}

/** A chemical of a unit, as registered: its name, CAS number and the tonnes on site. */
export interface ChemicalInput {
  name: string;
  cas?: string | undefined;
  tonnes?: number | undefined;
}

/** A tank, with its level (%) when its sensor has reported. */
export interface TankInput {
  id: string;
  name?: string | undefined;
  substance: string;
  capacity: number;
  density: number;
  level?: number | undefined;
}

/** One term of Σ βᵢ · qᵢ / Qᵢ. */
export interface Gb18218Term {
  /** The chemical's name as 表1 gives it (or the register's for a 表2 chemical). */
  substance: string;
  key: Gb18218SubstanceKey;
  cas?: string;
  /** Tonnes: the tanks' live contents, or the registered quantity. */
  q: number;
  Q: number;
  beta: number;
  /** 1: Q from 表1; 2: from 表2 by category. */
  table: 1 | 2;
  /** Where q comes from. */
  source: 'tanks' | 'registered';
}

export interface Gb18218Result {
  /** Σ qᵢ/Qᵢ (式 1). */
  S: number;
  /** S ≥ 1: a major hazard source (4.2). */
  major: boolean;
  /** α · Σ βᵢ · qᵢ/Qᵢ (式 2). */
  R: number;
  /** 表6's grade for R; null when the unit is not a major hazard source. */
  grade: Gb18218Grade | null;
  alpha: number;
  terms: Gb18218Term[];
  /** Chemicals named on the register that the tables do not cover (not counted). */
  uncovered: string[];
}

const round = (v: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/**
 * Identification and grading of one unit (GB 18218-2018 4.2, 4.3). A chemical held in tanks
 * counts their live contents (a tank whose level is unknown counts full, as the standard's design
 * maximum does); any other chemical its registered tonnes. Chemicals the tables do not know are
 * listed in `uncovered` and count for nothing.
 */
export function assessUnit(input: {
  chemicals: readonly ChemicalInput[];
  tanks?: readonly TankInput[] | undefined;
  people: number;
}): Gb18218Result {
  const terms = new Map<Gb18218SubstanceKey, Gb18218Term>();
  const uncovered: string[] = [];
  const termOf = (key: Gb18218SubstanceKey, name: string, cas: string | undefined) => {
    let term = terms.get(key);
    if (!term) {
      const s = GB18218_SUBSTANCES[key];
      term = {
        substance: s.table === 1 ? (s.names[0] ?? name) : name,
        key,
        ...(cas === undefined ? {} : { cas }),
        q: 0,
        Q: s.q,
        beta: betaOf(key).beta,
        table: s.table,
        source: 'registered',
      };
      terms.set(key, term);
    }
    return term;
  };
  const tanked = new Set<Gb18218SubstanceKey>();
  for (const tank of input.tanks ?? []) {
    const key = findSubstance(tank.substance);
    if (!key) {
      if (!uncovered.includes(tank.substance)) uncovered.push(tank.substance);
      continue;
    }
    const term = termOf(key, tank.substance, CAS.test(tank.substance) ? tank.substance : undefined);
    if (!tanked.has(key)) {
      tanked.add(key);
      term.q = 0;
      term.source = 'tanks';
    }
    term.q += tankTonnes(tank, tank.level ?? 100);
  }
  for (const c of input.chemicals) {
    const key = findSubstance(c);
    if (!key) {
      if (!uncovered.includes(c.name)) uncovered.push(c.name);
      continue;
    }
    const term = termOf(key, c.name, c.cas);
    if (c.cas !== undefined && term.cas === undefined) term.cas = c.cas;
    if (!tanked.has(key)) term.q += c.tonnes ?? 0;
  }
  const list = [...terms.values()].map((t) => ({ ...t, q: round(t.q, 3) }));
  const S = list.reduce((sum, t) => sum + t.q / t.Q, 0);
  const alpha = alphaFor(input.people);
  const R = alpha * list.reduce((sum, t) => sum + (t.beta * t.q) / t.Q, 0);
  const major = S >= 1;
  // Graded on R as shown, so the grade never disagrees with the figure beside it.
  const shown = round(R, 2);
  return {
    S: round(S, 3),
    major,
    R: shown,
    grade: major ? gradeFor(shown) : null,
    alpha,
    terms: list,
    uncovered,
  };
}
