import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Resource, ResourceStatus, UnitRefusalCode } from '@cc/shared';
import { useAppStore } from '../store/use-app-store';
import { nextBest, takenBy, type Candidate } from './dispatch-race';
import { TravelFigures } from './TravelFigures';
import { useTabletUi } from './ui-store';

/**
 * Why a unit does not go, in the reader's language: taken by another incident (named when the
 * picture knows which), in another status, gone, or changing.
 */
export function RefusalReason(props: {
  incidentId: string;
  resourceId: string;
  code: UnitRefusalCode;
  status?: ResourceStatus | undefined;
}): ReactElement {
  const { t } = useTranslation();
  const orders = useAppStore((s) => s.orders);
  const incidents = useAppStore((s) => s.incidents);
  const live = useAppStore((s) => s.resources.get(props.resourceId)?.status);
  const status = props.status ?? live;
  const other =
    props.code === 'dispatch.unit_busy'
      ? takenBy(props.resourceId, orders.values(), props.incidentId)
      : undefined;
  const title = other === undefined ? undefined : (incidents.get(other)?.title ?? undefined);
  const key =
    props.code === 'dispatch.unit_busy' && title !== undefined
      ? 'command.refusal.dispatch.unit_busyFor'
      : `command.refusal.${props.code}`;
  return (
    <span className="unit-refusal" data-testid="unit-refusal" data-code={props.code}>
      {t(key, {
        incident: title,
        status: status === undefined ? '' : t(`resourceStatus.${status}`),
      })}
    </span>
  );
}

/** The next-best unit of decision support for one that cannot go (see nextBest). */
export function useNextBest(
  incidentId: string,
  type: Resource['type'] | undefined,
  exclude: ReadonlySet<string>,
): Candidate | undefined {
  const groups = useTabletUi((s) =>
    s.support?.incidentId === incidentId ? (s.support.data?.resources ?? null) : null,
  );
  const resources = useAppStore((s) => s.resources);
  return groups ? nextBest(groups, type, exclude, resources) : undefined;
}

/** A button offering the next-best unit, with its distance and time; or why there is none. */
export function AlternativeButton(props: {
  candidate: Candidate | undefined;
  label: 'offer' | 'swap';
  onPick: (resourceId: string) => void;
}): ReactElement {
  const { t } = useTranslation();
  const c = props.candidate;
  if (!c)
    return (
      <span className="unit-alternative unit-alternative--none" data-testid="alternative-none">
        {t('command.alternative.none')}
      </span>
    );
  return (
    <button
      type="button"
      className="tablet-btn unit-alternative"
      data-testid="alternative"
      data-resource-id={c.resource.id}
      onClick={() => props.onPick(c.resource.id)}
    >
      {t(`command.alternative.${props.label}`, { name: c.resource.name })}
      <TravelFigures
        className="unit-alternative__figures"
        distanceKm={c.distanceKm}
        etaMinutes={c.etaMinutes}
        basis={c.basis}
      />
    </button>
  );
}
