import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hazard, RiskColour } from '@cc/shared';
import { RISK_COLORS, css } from '../map/layers/palette';
import { colourText } from './risk-words';

const fmt = (v: number, digits = 2) => String(Math.round(v * 10 ** digits) / 10 ** digits);

/** The colour swatch and its words. */
export function RiskColourLine({ colour }: { colour: RiskColour }): ReactElement {
  const { t } = useTranslation();
  return (
    <span className="risk-colour" data-testid="risk-colour" data-colour={colour.colour}>
      <span
        className="risk-colour__swatch"
        style={{ background: css(RISK_COLORS[colour.colour]) }}
        aria-hidden
      />
      <span className="risk-colour__text">{colourText(t, colour)}</span>
    </span>
  );
}

/**
 * A hazard's GB 18218 grading as ingest keeps it: the registered grade beside the live R and
 * grade, α and where its head count came from, the formula's terms and the tanks, and the
 * dynamic colour with its reasons. Nothing is recomputed here: wall and tablet show the same.
 */
export function RiskAssessment({ hazard }: { hazard: Hazard }): ReactElement | null {
  const { t } = useTranslation();
  const a = hazard.assessment;
  const grade = (g: number) => t(`risk.grade.${g}`);
  return (
    <section className="risk-assessment" data-testid="risk-assessment">
      <dl className="facts">
        <dt>{t('risk.registered')}</dt>
        <dd data-testid="risk-registered-grade">{grade(hazard.grade)}</dd>
        {a && (
          <>
            <dt>{t('risk.live')}</dt>
            <dd
              data-testid="risk-live"
              data-grade={a.grade ?? ''}
              data-r={a.R}
              className={
                a.grade !== null && a.grade < hazard.grade ? 'risk-live--worse' : undefined
              }
            >
              {a.grade === null
                ? t('risk.liveNotMajor', { S: fmt(a.S, 3), text: t('risk.notMajor') })
                : t('risk.liveValue', { R: fmt(a.R), grade: grade(a.grade) })}
              <div className="risk-assessment__alpha">
                {t('risk.alpha', {
                  alpha: a.alpha.toFixed(1),
                  people: a.people,
                  source: t(`risk.alphaSource.${a.alphaSource}`),
                })}
              </div>
            </dd>
          </>
        )}
        {hazard.riskColour && (
          <>
            <dt>{t('risk.colourTitle')}</dt>
            <dd>
              <RiskColourLine colour={hazard.riskColour} />
            </dd>
          </>
        )}
      </dl>
      {a && a.terms.length > 0 && (
        <table className="risk-terms" data-testid="risk-terms">
          <thead>
            <tr>
              <th>{t('risk.substance')}</th>
              <th>{t('risk.q')}</th>
              <th>{t('risk.Q')}</th>
              <th>{t('risk.beta')}</th>
              <th>{t('risk.term')}</th>
            </tr>
          </thead>
          <tbody>
            {a.terms.map((term) => (
              <tr key={term.substance} data-substance={term.substance}>
                <td>
                  {term.substance}
                  {term.source === 'tanks' && (
                    <span className="risk-terms__source"> · {t('risk.fromTanks')}</span>
                  )}
                </td>
                <td>{fmt(term.q, 1)}</td>
                <td>{term.Q}</td>
                <td>{term.beta}</td>
                <td>{fmt((term.beta * term.q) / term.Q)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {a && a.tanks.length > 0 && (
        <ul className="risk-tanks" data-testid="risk-tanks">
          {a.tanks.map((tank) => (
            <li key={tank.id} data-tank={tank.id}>
              {tank.level === undefined
                ? t('risk.tankNoLevel', { name: tank.name ?? tank.id, tonnes: fmt(tank.tonnes, 1) })
                : t('risk.tank', {
                    name: tank.name ?? tank.id,
                    level: `${fmt(tank.level, 1)}%`,
                    tonnes: fmt(tank.tonnes, 1),
                  })}
            </li>
          ))}
        </ul>
      )}
      {a && a.uncovered.length > 0 && (
        <p className="risk-assessment__note">
          {t('risk.uncovered', { names: a.uncovered.join(t('risk.separator')) })}
        </p>
      )}
    </section>
  );
}
