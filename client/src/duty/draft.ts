import type { TFunction } from 'i18next';
import type { Incident, Order, Report, ReportFields, Resource } from '@cc/shared';

/** Date and time as the command center reads them: China Standard Time, to the minute. */
export function dateTime(language: string, ms: number): string {
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Shanghai',
  }).format(ms);
}

export interface DraftInput {
  report: Report;
  incident: Incident | undefined;
  /** Every order in the picture; those for the incident are the actions taken. */
  orders: Iterable<Order>;
  resources: ReadonlyMap<string, Resource>;
  language: string;
  t: TFunction;
}

/**
 * A report drafted from its incident's data: time, place, type and level, casualties, the
 * orders given (actions) and the units sent (resources). The duty officer edits it before
 * saving. Pure apart from the translations it is given.
 */
export function draftReport({
  report,
  incident,
  orders,
  resources,
  language,
  t,
}: DraftInput): ReportFields {
  const stage = t(`duty.stage.${report.stage}`, { seq: report.seq });
  if (!incident) {
    return {
      title: `${stage} · ${report.incidentId}`,
      time: '',
      place: '',
      type: '',
      casualties: '',
      actions: '',
      resources: '',
      summary: '',
    };
  }
  const mine = [...orders]
    .filter((o) => o.incidentId === incident.id && o.kind === 'dispatch')
    .sort((a, b) => a.sentAt - b.sentAt);
  const c = incident.casualties;
  const unitName = (id: string) => resources.get(id)?.name ?? id;
  return {
    title: t('duty.draft.title', { stage, title: incident.title }),
    time: dateTime(language, incident.ts),
    place: [
      incident.address,
      `${incident.location[0].toFixed(5)}, ${incident.location[1].toFixed(5)}`,
    ]
      .filter(Boolean)
      .join(' · '),
    type: t('duty.draft.type', {
      type: t(`incidentType.${incident.type}`),
      level: t(`incidentLevelLong.${incident.level}`),
      status: t(`incidentStatus.${incident.status}`),
    }),
    casualties: t('duty.draft.casualties', c),
    actions:
      mine.length === 0
        ? t('duty.draft.noActions')
        : mine
            .map((o) =>
              t('duty.draft.action', {
                time: dateTime(language, o.sentAt),
                unit: unitName(o.resourceId),
                status: t(`duty.orderStatus.${o.status}`),
              }),
            )
            .join('\n'),
    resources:
      mine.length === 0
        ? ''
        : mine
            .map((o) => {
              const r = resources.get(o.resourceId);
              return r ? `${r.name}（${t(`resourceStatus.${r.status}`)}）` : o.resourceId;
            })
            .join('、'),
    summary: incident.description ?? '',
  };
}
