import { useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { SUPPORT_RADIUS_KM, type Incident, type SupportResponse } from '@cc/shared';
import { useFormatters } from '../i18n/format';
import { useAppStore, useHazardStates } from '../store/use-app-store';
import { useTablet } from './context';
import { formatKm, useNumber } from './format';
import { PhoneLink } from './PhoneLink';
import { useHeldWhileTouched } from './hold-while-touched';
import { TravelFigures } from './TravelFigures';
import { NearbyCameras } from '../cameras/NearbyCameras';
import { openHazard, tabletUi, togglePick, useTabletUi } from './ui-store';

/** The parts of decision support, in the order shown. */
const SECTIONS = ['hazards', 'places', 'resources', 'depots'] as const;
type SectionId = (typeof SECTIONS)[number];

/** Radii offered, km (within the server's bounds). */
const RADII = [1, 3, 5, 10, 20].filter(
  (r) => r >= SUPPORT_RADIUS_KM.min && r <= SUPPORT_RADIUS_KM.max,
);

function RadiusPicker(): ReactElement {
  const { t } = useTranslation();
  const radiusKm = useTabletUi((s) => s.radiusKm);
  return (
    <div className="radius" role="group" aria-label={t('command.support.radius')}>
      <span className="radius__label">{t('command.support.radius')}</span>
      {RADII.map((r) => (
        <button
          key={r}
          type="button"
          className={`tablet-btn radius__option${r === radiusKm ? ' is-active' : ''}`}
          data-testid="radius-option"
          data-km={r}
          aria-pressed={r === radiusKm}
          onClick={() => tabletUi.setState({ radiusKm: r })}
        >
          {t('command.km', { km: r })}
        </button>
      ))}
    </div>
  );
}

function Hazards({ items }: { items: SupportResponse['hazards'] }): ReactElement {
  const { t } = useTranslation();
  const states = useHazardStates();
  const readings = useAppStore((s) => s.readings);
  const fmt = useFormatters();
  if (items.length === 0) return <p className="tablet-empty">{t('command.support.noHazards')}</p>;
  return (
    <ul className="support-list">
      {items.map(({ hazard, distanceKm, state, alarms }) => {
        // The live state when the picture has it; the server's at fetch time otherwise.
        const live = states.get(hazard.id) ?? state;
        return (
          <li
            key={hazard.id}
            className={`support-card support-card--${live}`}
            data-testid="support-hazard"
            data-hazard-id={hazard.id}
            data-state={live}
          >
            <button
              type="button"
              className="support-card__head"
              onClick={() => openHazard(tabletUi, hazard.id)}
            >
              <span className="support-card__name">{hazard.name}</span>
              <span className={`state-pill state-pill--${live}`}>{t(`state.${live}`)}</span>
            </button>
            <div className="support-card__meta">
              <span className="grade-tag">{t('detail.gradeValue', { grade: hazard.grade })}</span>
              <span>{t('command.km', { km: formatKm(distanceKm) })}</span>
              {alarms.length > 0 && (
                <span className="support-card__alarms">
                  {t('command.support.alarms', { count: alarms.length })}
                </span>
              )}
            </div>
            <div className="support-card__line">
              {hazard.chemicals.length === 0
                ? t('detail.noChemicals')
                : hazard.chemicals
                    .map((c) =>
                      c.tonnes === undefined
                        ? c.name
                        : `${c.name} ${t('detail.tonnes', { value: c.tonnes })}`,
                    )
                    .join(t('command.listSeparator'))}
            </div>
            <ul className="support-sensors">
              {hazard.sensors.map((sensor) => {
                const r = readings.get(sensor.id);
                return (
                  <li key={sensor.id} data-level={r?.level ?? 'none'}>
                    {t(`metric.${sensor.metric}`)} {r ? fmt.value(r.value) : t('detail.none')}
                    {sensor.unit} · {r ? t(`level.${r.level}`) : t('detail.noReading')}
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}

function Places({ items }: { items: SupportResponse['places'] }): ReactElement {
  const { t } = useTranslation();
  const number = useNumber();
  if (items.length === 0) return <p className="tablet-empty">{t('command.support.noPlaces')}</p>;
  return (
    <ul className="support-list">
      {items.map(({ place, distanceKm }) => (
        <li
          key={place.id}
          className="support-card"
          data-testid="support-place"
          data-place-id={place.id}
        >
          <div className="support-card__head">
            <span className="support-card__name">{place.name}</span>
            <span className="place-tag">{t(`command.placeType.${place.type}`)}</span>
          </div>
          <div className="support-card__meta">
            <span
              className="support-card__people"
              data-testid="place-people"
              data-value={place.people}
            >
              {t('command.support.people', { count: place.people, n: number(place.people) })}
            </span>
            <span>{t('command.km', { km: formatKm(distanceKm) })}</span>
            {place.capacity !== undefined && (
              <span>{t('command.support.capacity', { n: number(place.capacity) })}</span>
            )}
          </div>
          {(place.contact || place.phone) && (
            <div className="support-card__line">
              {place.contact}
              {place.contact && place.phone && ' · '}
              {place.phone && <PhoneLink phone={place.phone} />}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

function Candidates({ groups }: { groups: SupportResponse['resources'] }): ReactElement {
  const { t } = useTranslation();
  const { canCommand } = useTablet();
  const picked = useTabletUi((s) => s.picked);
  const resources = useAppStore((s) => s.resources);
  // A refresh does not move the list under a finger: it lands once the finger lifts.
  const { shown, held, handlers } = useHeldWhileTouched(groups);
  if (shown.every((g) => g.candidates.length === 0))
    return <p className="tablet-empty">{t('command.support.noResources')}</p>;
  return (
    <div className="candidates" data-testid="candidates" data-held={held ? '1' : '0'} {...handlers}>
      {shown.map((g) => (
        <div key={g.type} className="candidates__group" data-type={g.type}>
          <h4 className="candidates__type">{t(`resourceType.${g.type}`)}</h4>
          {g.candidates.length === 0 ? (
            <p className="tablet-empty">{t('command.support.noneOfType')}</p>
          ) : (
            <ul className="support-list">
              {g.candidates.map((c) => {
                // Live status: a unit someone else dispatched a moment ago cannot be picked.
                const status = resources.get(c.resource.id)?.status ?? c.resource.status;
                const on = picked.has(c.resource.id);
                const body = (
                  <>
                    <span className="candidate__name">{c.resource.name}</span>
                    <TravelFigures
                      className="candidate__figures"
                      distanceKm={c.distanceKm}
                      etaMinutes={c.etaMinutes}
                      basis={c.basis}
                    />
                    <span className={`unit-status unit-status--${status}`}>
                      {t(`resourceStatus.${status}`)}
                    </span>
                  </>
                );
                return (
                  <li key={c.resource.id}>
                    {canCommand ? (
                      <button
                        type="button"
                        className={`candidate${on ? ' is-picked' : ''}${status !== 'available' ? ' is-taken' : ''}`}
                        data-testid="candidate"
                        data-resource-id={c.resource.id}
                        data-status={status}
                        aria-pressed={on}
                        disabled={status !== 'available' && !on}
                        onClick={() => togglePick(tabletUi, c.resource.id)}
                      >
                        <span className="candidate__check" aria-hidden="true">
                          {on ? '✓' : ''}
                        </span>
                        {body}
                      </button>
                    ) : (
                      <div
                        className="candidate"
                        data-testid="candidate"
                        data-resource-id={c.resource.id}
                        data-status={status}
                      >
                        {body}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

function Depots({ items }: { items: SupportResponse['depots'] }): ReactElement {
  const { t } = useTranslation();
  const number = useNumber();
  if (items.length === 0) return <p className="tablet-empty">{t('command.support.noDepots')}</p>;
  return (
    <ul className="support-list">
      {items.map((d) => (
        <li
          key={d.resource.id}
          className="support-card"
          data-testid="support-depot"
          data-resource-id={d.resource.id}
        >
          <div className="support-card__head">
            <span className="support-card__name">{d.resource.name}</span>
            <span>{t('command.km', { km: formatKm(d.distanceKm) })}</span>
          </div>
          {d.resource.phone && (
            <div className="support-card__line">
              <PhoneLink phone={d.resource.phone} />
            </div>
          )}
          <div className="support-card__line">
            {d.matches
              .map((m) => `${m.item} ${number(m.quantity)} ${m.unit}`)
              .join(t('command.listSeparator'))}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The bar under the suggestions: how many units are picked, and the way to dispatch them. */
function DispatchBar({ incidentId }: { incidentId: string }): ReactElement | null {
  const { t } = useTranslation();
  const { canCommand } = useTablet();
  const picked = useTabletUi((s) => s.picked);
  if (!canCommand) return null;
  return (
    <div className="dispatch-bar">
      <span>{t('command.dispatch.picked', { count: picked.size })}</span>
      <button
        type="button"
        className="tablet-btn tablet-btn--primary"
        data-testid="dispatch"
        disabled={picked.size === 0}
        onClick={() =>
          tabletUi.setState({
            dialog: { kind: 'dispatch', incidentId, resourceIds: [...picked] },
          })
        }
      >
        {t('command.dispatch.button')}
      </button>
    </div>
  );
}

/**
 * Decision support around the incident: hazards with their chemicals and live sensor state,
 * sensitive places with their people, the nearest available units by type (to pick and
 * dispatch), and the depots holding what the incident needs.
 */
export function SupportPanel({ incident }: { incident: Incident }): ReactElement {
  const { t } = useTranslation();
  const support = useTabletUi((s) => (s.support?.incidentId === incident.id ? s.support : null));
  const data = support?.data ?? null;
  const sections = useRef(new Map<SectionId, HTMLHeadingElement | null>());
  const heading = (id: SectionId, count?: number) => (
    <h3
      className="tablet-subtitle"
      ref={(el) => {
        sections.current.set(id, el);
      }}
    >
      {t(`command.support.${id}`)}
      {count !== undefined && <span className="tablet-count">{count}</span>}
    </h3>
  );
  const counts: Record<SectionId, number | undefined> = {
    hazards: data?.hazards.length,
    places: data?.places.length,
    resources: data?.resources.reduce((n, g) => n + g.candidates.length, 0),
    depots: data?.depots.length,
  };
  return (
    <div
      className="support"
      data-testid="support"
      data-loading={support?.loading ? '1' : '0'}
      data-radius={data?.radiusKm ?? ''}
      data-routes={data?.routes.filter((r) => r.path).length ?? 0}
    >
      <RadiusPicker />
      {support?.error && (
        <p className="tablet-error" role="alert" data-testid="support-error">
          {t('command.support.failed', { code: support.error })}
        </p>
      )}
      {!data ? (
        <p className="tablet-empty">{t('command.support.loading')}</p>
      ) : (
        <>
          {/* A long list of hazards would hide the units: each part is one tap away. */}
          <nav className="support-jump" aria-label={t('command.support.jump')}>
            {SECTIONS.map((id) => (
              <button
                key={id}
                type="button"
                className="tablet-btn tablet-btn--small"
                data-testid={`jump-${id}`}
                onClick={() => sections.current.get(id)?.scrollIntoView({ block: 'start' })}
              >
                {t(`command.support.${id}`)} {counts[id]}
              </button>
            ))}
          </nav>
          {heading('hazards', counts.hazards)}
          <Hazards items={data.hazards} />
          {heading('places', counts.places)}
          <Places items={data.places} />
          {data.cameras.length > 0 && <NearbyCameras items={data.cameras} />}
          {heading('resources')}
          <Candidates groups={data.resources} />
          {heading('depots', counts.depots)}
          <Depots items={data.depots} />
        </>
      )}
      <DispatchBar incidentId={incident.id} />
    </div>
  );
}
