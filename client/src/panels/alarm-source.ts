import type { Alarm } from '@cc/shared';
import type { TFunction } from 'i18next';
import type { EntitiesSlice } from '../store/live-reducers';

/**
 * The kinds of entity an alarm can be raised on, in the order they are looked up. An alarm's
 * `hazardId` names the entity that raised it: a hazard's sensor, a weather or water-level station,
 * a camera, a shelter or other place, a resource.
 */
export const ALARM_SOURCE_KINDS = [
  'hazard',
  'station',
  'camera',
  'place',
  'resource',
  'hiddenhazard',
  'riskarea',
] as const;
export type AlarmSourceKind = (typeof ALARM_SOURCE_KINDS)[number];

/** What an alarm source is: its kind and name, or only its id when no entity is known. */
export type AlarmSource =
  | { kind: AlarmSourceKind; id: string; name: string }
  | { kind: 'coverage'; id: string }
  | { kind: 'unknown'; id: string };

type Named = { name?: string; title?: string };
type Lookup = Pick<
  EntitiesSlice,
  'hazards' | 'stations' | 'cameras' | 'places' | 'resources' | 'hiddenhazards' | 'riskareas'
>;

const SLICES: Record<AlarmSourceKind, keyof Lookup> = {
  hazard: 'hazards',
  station: 'stations',
  camera: 'cameras',
  place: 'places',
  resource: 'resources',
  hiddenhazard: 'hiddenhazards',
  riskarea: 'riskareas',
};

/** The entity an alarm is about, looked up across every kind the store holds. */
export function alarmSource(
  alarm: Pick<Alarm, 'hazardId' | 'agency'> & Partial<Pick<Alarm, 'cause' | 'depotId'>>,
  state: Lookup,
): AlarmSource {
  // The coverage alarm is the city's, not an entity's; a low-stock alarm is its depot's.
  if (alarm.cause === 'coverage') return { kind: 'coverage', id: alarm.agency };
  const id = alarm.hazardId ?? alarm.depotId ?? alarm.agency;
  for (const kind of ALARM_SOURCE_KINDS) {
    const entity = (state[SLICES[kind]] as ReadonlyMap<string, Named>).get(id);
    const name = entity?.name ?? entity?.title;
    if (name) return { kind, id, name };
  }
  return { kind: 'unknown', id };
}

/**
 * The source in words: a hazard by its name alone (the wall's usual case), any other kind with
 * its kind's word before the name (气象站 …), an unknown one with its id.
 */
export function alarmSourceText(source: AlarmSource, t: TFunction): string {
  if (source.kind === 'unknown') return t('alarms.unknownSource', { id: source.id });
  if (source.kind === 'coverage') return t('alarms.coverageSource');
  if (source.kind === 'hazard') return source.name;
  return t('alarms.sourceNamed', {
    kind: t(`alarms.sourceKind.${source.kind}`),
    name: source.name,
  });
}
