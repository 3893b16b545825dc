import type { RiskLevel } from '../feed/riskarea';
import type { RiskColour, RiskReason } from './model';

/** Least to most severe: 蓝 低风险, 黄 一般, 橙 较大, 红 重大. */
export const RISK_LEVELS: readonly RiskLevel[] = ['blue', 'yellow', 'orange', 'red'];

const rank = (level: RiskLevel) => RISK_LEVELS.indexOf(level);

/** Raises a level by `steps`, never above red. */
export function raiseLevel(level: RiskLevel, steps: number): RiskLevel {
  return RISK_LEVELS[Math.min(RISK_LEVELS.length - 1, rank(level) + steps)]!;
}

/** The worse of two levels. */
export function worseLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return rank(a) >= rank(b) ? a : b;
}

/** The four-colour level a GB 18218 grade corresponds to: 一级 红 … 四级 蓝. */
export function levelOfGrade(grade: number): RiskLevel {
  return (['red', 'orange', 'yellow', 'blue'] as const)[Math.min(4, Math.max(1, grade)) - 1]!;
}

/** What may raise an enterprise's colour, as ingest finds it. */
export interface ColourInput {
  /** The registered four-colour level, if the hazard has one. */
  registered?: RiskLevel | undefined;
  registeredGrade: number;
  /** Live GB 18218 grade (null: below identification) and its R. */
  liveGrade?: { grade: number | null; R: number } | undefined;
  /** Active second-stage alarms at the site: the first is named. */
  hhAlarms: readonly { sensor: string; metric: string; value: number; unit: string }[];
  overdueHiddenHazard: boolean;
  /** Weather warnings of orange or red in force over the site: the first is named. */
  warnings: readonly { event: string; signal: 'orange' | 'red' }[];
}

/**
 * An enterprise's dynamic colour: its inherent level (registered, or that of its registered
 * grade) raised one step by each of an active 二级 alarm, an overdue major hidden hazard, an
 * orange or red weather warning over it and a live grade worse than the registered one; never
 * above red. Every raise is a reason, in that order, even when red caps it.
 */
export function enterpriseColour(input: ColourInput, at: number): RiskColour {
  const inherent = input.registered ?? levelOfGrade(input.registeredGrade);
  const reasons: RiskReason[] = [];
  const alarm = input.hhAlarms[0];
  if (alarm) {
    reasons.push({
      code: 'alarm_hh',
      params: { sensor: alarm.sensor, metric: alarm.metric, value: alarm.value, unit: alarm.unit },
    });
  }
  if (input.overdueHiddenHazard) reasons.push({ code: 'hidden_hazard_overdue', params: {} });
  const warning = input.warnings.find((w) => w.signal === 'red') ?? input.warnings[0];
  if (warning) {
    reasons.push({
      code: 'weather_warning',
      params: { event: warning.event, signal: warning.signal },
    });
  }
  const live = input.liveGrade;
  if (live && live.grade !== null && live.grade < input.registeredGrade) {
    reasons.push({
      code: 'live_grade',
      params: { grade: live.grade, registered: input.registeredGrade, R: live.R },
    });
  }
  return {
    colour: raiseLevel(inherent, reasons.length),
    inherent,
    inherentSource: input.registered ? 'registered' : 'grade',
    reasons,
    at,
  };
}

/**
 * An area's colour: its registered level raised to the worst colour of the enterprises inside
 * it; the enterprises that raise it are its reasons (worst first).
 */
export function areaColour(
  level: RiskLevel,
  inside: readonly { name: string; colour: RiskLevel }[],
  at: number,
): RiskColour {
  const raising = inside
    .filter((e) => rank(e.colour) > rank(level))
    .sort((a, b) => rank(b.colour) - rank(a.colour));
  const colour = raising[0]?.colour ?? level;
  return {
    colour,
    inherent: level,
    inherentSource: 'registered',
    reasons: raising.map((e) => ({
      code: 'enterprise' as const,
      params: { name: e.name, colour: e.colour },
    })),
    at,
  };
}

/** A reason without what moves while it holds (a reading's value, R). */
const gist = (r: RiskReason) => {
  const kept = Object.entries(r.params).filter(([k]) => k !== 'value' && k !== 'R');
  return `${r.code}:${JSON.stringify(kept)}`;
};

/**
 * Whether two colours say the same, the time and moving figures aside: a level that creeps
 * from 96 % to 97 % under the same alarm is no new colour (and no new event).
 */
export function sameColour(a: RiskColour | undefined, b: RiskColour): boolean {
  if (!a) return false;
  return (
    a.colour === b.colour &&
    a.inherent === b.inherent &&
    a.inherentSource === b.inherentSource &&
    a.reasons.map(gist).join('|') === b.reasons.map(gist).join('|')
  );
}
