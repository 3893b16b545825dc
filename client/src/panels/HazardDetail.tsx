import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Hazard, Reading } from '@cc/shared';
import { useAppStore, useAppStoreApi, useHazardStates } from '../store/use-app-store';
import { useServerNow } from '../time/use-server-now';
import { SensorRow } from './SensorRow';
import { RiskAssessment } from './RiskAssessment';

const NO_READINGS: (Reading | undefined)[] = [];

function Chemicals({ hazard }: { hazard: Hazard }): ReactElement {
  const { t } = useTranslation();
  if (hazard.chemicals.length === 0) return <span>{t('detail.noChemicals')}</span>;
  return (
    <ul className="chemicals">
      {hazard.chemicals.map((c) => (
        <li key={`${c.name}-${c.cas ?? ''}`}>
          {c.name}
          {c.cas && <span className="chemicals__cas"> CAS {c.cas}</span>}
          {c.tonnes !== undefined && (
            <span className="chemicals__tonnes"> {t('detail.tonnes', { value: c.tonnes })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The selected hazard: who, what is stored, and every sensor live. */
export function HazardDetail(): ReactElement {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const hazard = useAppStore((s) =>
    s.selectedHazardId === null ? undefined : s.hazards.get(s.selectedHazardId),
  );
  // Only this hazard's readings: other sensors' telemetry does not re-render the panel.
  const readings = useAppStore(
    useShallow((s) => hazard?.sensors.map((x) => s.readings.get(x.id)) ?? NO_READINGS),
  );
  const state = useHazardStates().get(hazard?.id ?? '');
  const now = useServerNow();

  if (!hazard) {
    return (
      <section className="panel hazard-detail hazard-detail--empty">
        <p className="panel__empty">{t('detail.hint')}</p>
      </section>
    );
  }
  return (
    <section
      className={`panel hazard-detail hazard-detail--${state ?? 'offline'}`}
      data-testid="hazard-detail"
      data-hazard-id={hazard.id}
      data-state={state}
    >
      <div className="panel__title hazard-detail__head">
        <span className="hazard-detail__name">{hazard.name}</span>
        {state && <span className={`state-pill state-pill--${state}`}>{t(`state.${state}`)}</span>}
        <button
          type="button"
          className="close"
          aria-label={t('detail.close')}
          title={t('detail.close')}
          onClick={() => store.getState().selectHazard(null)}
        >
          ×
        </button>
      </div>
      <dl className="facts">
        <dt>{t('detail.enterprise')}</dt>
        <dd>{hazard.enterprise}</dd>
        <dt>{t('detail.grade')}</dt>
        <dd className={`grade grade--${hazard.grade}`}>
          {t('detail.gradeValue', { grade: hazard.grade })}
        </dd>
        {hazard.address && (
          <>
            <dt>{t('detail.address')}</dt>
            <dd>{hazard.address}</dd>
          </>
        )}
        <dt>{t('detail.chemicals')}</dt>
        <dd>
          <Chemicals hazard={hazard} />
        </dd>
      </dl>
      <RiskAssessment hazard={hazard} />
      <table className="sensors">
        <thead>
          <tr>
            <th>{t('detail.sensor')}</th>
            <th>{t('detail.value')}</th>
            <th>{t('detail.status')}</th>
            <th>{t('detail.thresholds')}</th>
          </tr>
        </thead>
        <tbody>
          {hazard.sensors.map((sensor, i) => (
            <SensorRow key={sensor.id} sensor={sensor} reading={readings[i]} now={now} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
