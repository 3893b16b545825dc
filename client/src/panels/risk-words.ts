import type { TFunction } from 'i18next';
import type { RiskColour, RiskReason } from '@cc/shared';

/** One reason for a raised colour, in words: "二级报警（液位 97%）". */
export function reasonText(t: TFunction, r: RiskReason): string {
  const p = r.params;
  switch (r.code) {
    case 'alarm_hh':
      return t('risk.reason.alarm_hh', {
        metric: t(`metric.${String(p.metric)}`),
        value: p.value,
        unit: p.unit,
      });
    case 'weather_warning':
      return t('risk.reason.weather_warning', {
        event: p.event,
        signal: t(`signal.${String(p.signal)}`),
      });
    case 'live_grade':
      return t('risk.reason.live_grade', {
        grade: t(`risk.grade.${String(p.grade)}`),
        registered: t(`risk.grade.${String(p.registered)}`),
        R: p.R,
      });
    case 'enterprise':
      return t('risk.reason.enterprise', {
        name: p.name,
        colour: t(`risk.colour.${String(p.colour)}`),
      });
    default:
      return t(`risk.reason.${r.code}`);
  }
}

/** A colour and why, in one line: "橙 → 红：二级报警（液位 97%）；暴雨橙色预警". */
export function colourText(t: TFunction, c: RiskColour): string {
  const colour = (level: string) => t(`risk.colour.${level}`);
  if (c.reasons.length === 0) {
    return t('risk.inherent', {
      colour: colour(c.colour),
      source: t(`risk.inherentSource.${c.inherentSource}`),
    });
  }
  return t('risk.raised', {
    from: colour(c.inherent),
    to: colour(c.colour),
    reasons: c.reasons.map((r) => reasonText(t, r)).join(t('risk.separator')),
  });
}
