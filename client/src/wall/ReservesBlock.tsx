import { useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { COVERAGE_ID, freeCapacity, shortLines } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';

/** At most this many lines per list on the wall. */
const MAX_LINES = 5;

/** 物资储备: the depots' items below their minimum level, emptiest first. */
function ShortStock(): ReactElement {
  const { t } = useTranslation();
  const stocks = useAppStore((s) => s.stocks);
  const short = useMemo(
    () =>
      [...stocks.values()]
        .flatMap((ledger) => shortLines(ledger).map((line) => ({ ledger, line })))
        .sort(
          (a, b) =>
            a.line.quantity / (a.line.minimum ?? 1) - b.line.quantity / (b.line.minimum ?? 1),
        ),
    [stocks],
  );
  return (
    <section className="situation__group" data-testid="reserves-short" data-count={short.length}>
      <h3 className="situation__heading">
        {t('reserves.short')} <span className="situation__total">{short.length}</span>
      </h3>
      {short.length === 0 ? (
        <p className="situation__empty">{t('reserves.noneShort', { depots: stocks.size })}</p>
      ) : (
        <ul className="situation__list">
          {short.slice(0, MAX_LINES).map(({ ledger, line }) => (
            <li key={`${ledger.id}/${line.item}`} data-testid="reserves-short-line">
              <span>{ledger.name}</span> <strong>{line.item}</strong>{' '}
              <span className="figure--alarm">
                {t('reserves.below', {
                  quantity: line.quantity,
                  minimum: line.minimum,
                  unit: line.unit,
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** 应急避难场所: people in the open shelters against what they can take, fullest first. */
function ShelterOccupancy(): ReactElement {
  const { t } = useTranslation();
  const shelters = useAppStore((s) => s.shelters);
  const { open, people, capacity, free } = useMemo(() => {
    const open = [...shelters.values()]
      .filter((s) => s.status === 'open')
      .sort((a, b) => b.occupancy / (b.capacity || 1) - a.occupancy / (a.capacity || 1));
    return {
      open,
      people: open.reduce((n, s) => n + s.occupancy, 0),
      capacity: open.reduce((n, s) => n + s.capacity, 0),
      free: open.reduce((n, s) => n + freeCapacity(s), 0),
    };
  }, [shelters]);
  return (
    <section
      className="situation__group"
      data-testid="shelters-occupancy"
      data-open={open.length}
      data-people={people}
      data-capacity={capacity}
    >
      <h3 className="situation__heading">
        {t('reserves.shelters')}{' '}
        <span className="situation__total">
          {t('reserves.sheltersOpen', { open: open.length, total: shelters.size })}
        </span>
      </h3>
      <p data-testid="shelters-total">{t('reserves.occupancy', { people, capacity, free })}</p>
      <ul className="situation__list">
        {open.slice(0, MAX_LINES).map((s) => (
          <li key={s.id} data-testid="shelter-line">
            <span>{s.name}</span>{' '}
            <strong className={s.occupancy >= s.capacity ? 'figure--alarm' : undefined}>
              {s.occupancy}/{s.capacity}
            </strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 消防救援覆盖: the hazards and serious incidents no available engine reaches within the target. */
function CoverageGaps(): ReactElement | null {
  const { t } = useTranslation();
  const coverage = useAppStore((s) => s.coverage.get(COVERAGE_ID));
  if (!coverage) return null;
  const gaps = coverage.targets.filter((x) => !x.covered);
  return (
    <section
      className={`situation__group${gaps.length > 0 ? ' figure--alarm' : ''}`}
      data-testid="coverage-gaps"
      data-count={gaps.length}
    >
      <h3 className="situation__heading">
        {t('reserves.coverage', { minutes: coverage.targetMinutes })}{' '}
        <span className="situation__total">{gaps.length}</span>
      </h3>
      {gaps.length === 0 ? (
        <p className="situation__empty">
          {t('reserves.allCovered', { count: coverage.targets.length })}
        </p>
      ) : (
        <ul className="situation__list">
          {gaps.slice(0, MAX_LINES).map((g) => (
            <li key={g.id} data-testid="coverage-gap">
              <span>{g.name}</span>{' '}
              <strong>
                {g.etaMinutes === null
                  ? t('reserves.noUnit')
                  : t('reserves.eta', { minutes: g.etaMinutes })}
              </strong>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The situation panel's reserves part: short stock, shelter occupancy, coverage gaps. */
export function ReservesBlock(): ReactElement {
  return (
    <>
      <CoverageGaps />
      <ShortStock />
      <ShelterOccupancy />
    </>
  );
}
