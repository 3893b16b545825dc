import { useMemo, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../store/use-app-store';
import { useAlarmSourceText } from '../panels/use-alarm-source';
import { useServerNow } from '../time/use-server-now';
import { attentionItems, unitsOf, type AttentionItem } from './board';
import { useAge } from './use-age';
import { useFit } from './use-fit';

/** Lines shown at most; fewer when they do not fit, the rest counted ("+N more"). */
const MAX_SHOWN = 7;

function Line({ item, now }: { item: AttentionItem; now: number }): ReactElement {
  const { t } = useTranslation();
  const age = useAge();
  const sourceText = useAlarmSourceText();
  const resources = useAppStore((s) => s.resources);
  const orders = useAppStore((s) => s.orders);
  let what: string;
  let detail = '';
  switch (item.kind) {
    case 'incident': {
      const i = item.incident;
      const units = unitsOf(i.id, orders.values(), resources);
      const onScene = units.filter((u) => u.state === 'on_scene').length;
      what = `${t(`incidentLevel.${i.level}`)} ${t(`incidentType.${i.type}`)} · ${i.title}`;
      detail = t('attention.units', { total: units.length, onScene });
      break;
    }
    case 'alarm': {
      const a = item.alarm;
      what = `${sourceText(a)} · ${
        a.cause === 'offline' ? t('state.offline') : t(`level.${a.level}`)
      }`;
      detail = t('attention.unacknowledged');
      break;
    }
    case 'order':
      what = t('attention.order', {
        resource: resources.get(item.order.resourceId)?.name ?? item.order.resourceId,
      });
      detail = t('attention.unanswered');
      break;
    case 'feed':
      what = t('attention.feed', { name: item.feed.name ?? item.feed.agency });
      detail = t('attention.silent');
      break;
  }
  return (
    <li
      className={`attention-line attention-line--${item.kind}${item.urgency < 1 ? ' attention-line--first' : ''}`}
      data-testid="attention-line"
      data-kind={item.kind}
      data-id={item.id}
    >
      <span className="attention-line__what">{what}</span>
      <span className="attention-line__detail">{detail}</span>
      <span className="attention-line__age">{age(now - item.since)}</span>
    </li>
  );
}

/**
 * 待处置: what needs attention now, most urgent first — open serious incidents with their units,
 * unacknowledged alarms, orders no agency has answered, interrupted feeds; always on screen.
 */
export function AttentionPanel(): ReactElement {
  const { t } = useTranslation();
  const incidents = useAppStore((s) => s.incidents);
  const alarms = useAppStore((s) => s.alarms);
  const orders = useAppStore((s) => s.orders);
  const feeds = useAppStore((s) => s.wall?.feeds);
  const levels = useAppStore((s) => s.wall?.config.focus.incidentLevels);
  const now = useServerNow();
  const items = useMemo(
    () => attentionItems({ incidents, alarms, orders }, feeds ?? [], levels ?? ['I', 'II']),
    [incidents, alarms, orders, feeds, levels],
  );
  const box = useRef<HTMLElement>(null);
  const shown = useFit(box, items, Math.min(items.length, MAX_SHOWN));
  return (
    <section
      ref={box}
      className="panel attention"
      data-testid="attention"
      data-count={items.length}
      data-shown={shown}
    >
      <h2 className="panel__title">
        {t('attention.title')}
        <span className="panel__sub">{t('attention.count', { count: items.length })}</span>
      </h2>
      {items.length === 0 ? (
        <div className="situation__empty">{t('attention.none')}</div>
      ) : (
        <ol className="attention-lines">
          {items.slice(0, shown).map((item) => (
            <Line key={`${item.kind}/${item.id}`} item={item} now={now} />
          ))}
          {items.length > shown && (
            <li className="attention-more">
              {t('attention.more', { count: items.length - shown })}
            </li>
          )}
        </ol>
      )}
    </section>
  );
}
