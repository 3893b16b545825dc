import { createContext, useContext, useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResourceStatus } from '@cc/shared';
import { useFormatters } from '../i18n/format';
import { useServerNow } from '../time/use-server-now';
import { useAppStore } from '../store/use-app-store';
import { useCommandLog, useTablet } from './context';
import { RECALLABLE, unitRows, type UnitRow } from './units';
import { RETRYABLE, shownState, type CommandState } from './command-log';
import { arrivalMinutes } from './arrival';
import { PhoneLink } from './PhoneLink';
import { AlternativeButton, RefusalReason, useNextBest } from './UnitRefusal';
import { tabletUi, useTabletUi } from './ui-store';

/** Whether this tablet's own link is down (commands wait for it). */
export function useOffline(): boolean {
  return useAppStore((s) => s.connection.state !== 'live');
}

function CommandChip({
  row,
  incidentId,
}: {
  row: UnitRow;
  incidentId: string;
}): ReactElement | null {
  const { t } = useTranslation();
  const { log } = useTablet();
  const offline = useOffline();
  const c = row.command;
  const picked = useTabletUi((s) => s.picked);
  const rows = useContext(RowIds);
  const exclude = useMemo(() => new Set([...rows, ...picked]), [rows, picked]);
  const type = row.resource?.type;
  const alternative = useNextBest(incidentId, c?.refusal ? type : undefined, exclude);
  if (!c) return null;
  const shown = shownState(c, offline);
  return (
    <span
      className={`cmd-chip cmd-chip--${shown}`}
      data-testid="unit-command"
      data-state={shown}
      data-kind={c.kind}
    >
      {c.refusal ? (
        <RefusalReason
          incidentId={incidentId}
          resourceId={row.resourceId}
          code={c.refusal.code}
          status={c.refusal.status}
        />
      ) : (
        t(`command.unit.${c.kind}.${shown}`)
      )}
      {shown === 'refused' && !c.refusal && c.code && (
        <span className="cmd-chip__why"> · {t(`command.error.${c.code}`)}</span>
      )}
      {RETRYABLE.includes(shown as CommandState) && (
        <button
          type="button"
          className="tablet-btn tablet-btn--small"
          onClick={() => void log.retry(c.commandId)}
        >
          {t('command.retry')}
        </button>
      )}
      {c.refusal && (
        <AlternativeButton
          candidate={alternative}
          label="offer"
          onPick={(id) =>
            tabletUi.setState({ dialog: { kind: 'dispatch', incidentId, resourceIds: [id] } })
          }
        />
      )}
    </span>
  );
}

/**
 * When a dispatched unit should be there: its ETA counting down — from decision support's ETA
 * along its route (support asks for the routes of units on their way), re-anchored on each
 * position it reports since by the share of the way still to go (arrival.ts) — then 已到场
 * from its feed.
 */
function Arrival({
  resourceId,
  status,
  incidentId,
}: {
  resourceId: string;
  status: ResourceStatus | undefined;
  incidentId: string;
}): ReactElement | null {
  const { t } = useTranslation();
  const now = useServerNow();
  const route = useTabletUi((s) =>
    s.support?.incidentId === incidentId
      ? s.support.data?.routes.find((x) => x.resourceId === resourceId)
      : undefined,
  );
  const at = useTabletUi((s) => s.support?.data?.at);
  const incidentAt = useAppStore((s) => s.incidents.get(incidentId)?.location);
  const position = useAppStore((s) => s.positions.get(resourceId));
  if (status === 'on_scene')
    return (
      <span
        className="unit-arrival unit-arrival--there"
        data-testid="unit-arrival"
        data-minutes="0"
      >
        {t('command.unit.onScene')}
      </span>
    );
  if (route === undefined || at === undefined || incidentAt === undefined) return null;
  if (status !== 'dispatched' && status !== 'en_route') return null;
  const left = arrivalMinutes({ route, at, now, incidentAt, position });
  return (
    <span
      className="unit-arrival"
      data-testid="unit-arrival"
      data-minutes={left}
      data-basis={route.basis}
    >
      {left > 0 ? t('command.unit.eta', { min: left, count: left }) : t('command.unit.due')}
      {route.basis === 'straight' && (
        <abbr className="eta-estimate" title={t('command.support.estimateHint')}>
          {t('command.support.estimate')}
        </abbr>
      )}
    </span>
  );
}

/** The units the panel lists: an alternative is never one of them. */
const RowIds = createContext<readonly string[]>([]);

function UnitItem({ row, incidentId }: { row: UnitRow; incidentId: string }): ReactElement {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { canCommand } = useTablet();
  const status = row.resource?.status;
  const recallActive =
    row.recall !== undefined &&
    (row.recall.status === 'sent' || row.recall.status === 'acknowledged');
  const recallPending = row.command?.kind === 'recall' && row.command.state === 'pending';
  const canRecall =
    canCommand &&
    status !== undefined &&
    RECALLABLE.includes(status) &&
    !recallActive &&
    !recallPending &&
    row.dispatch !== undefined;
  return (
    <li
      className="unit-row"
      data-testid="unit-row"
      data-resource-id={row.resourceId}
      data-order-status={row.dispatch?.status ?? ''}
      data-recall-status={row.recall?.status ?? ''}
      data-resource-status={status ?? ''}
      data-command-state={row.command?.state ?? ''}
    >
      <div className="unit-row__head">
        <span className="unit-row__name">{row.resource?.name ?? row.resourceId}</span>
        {row.resource && (
          <span className="unit-row__type">{t(`resourceType.${row.resource.type}`)}</span>
        )}
        {status && (
          <span className={`unit-status unit-status--${status}`}>
            {t(`resourceStatus.${status}`)}
          </span>
        )}
      </div>
      <div className="unit-row__progress">
        <CommandChip row={row} incidentId={incidentId} />
        {row.dispatch && (
          <span
            className={`order-chip order-chip--${row.dispatch.status}`}
            data-testid="unit-order"
          >
            {t(`command.order.dispatch.${row.dispatch.status}`)}
            <span className="order-chip__time"> {fmt.time(row.dispatch.updatedAt)}</span>
          </span>
        )}
        {row.recall && (
          <span className={`order-chip order-chip--${row.recall.status}`} data-testid="unit-recall">
            {t(`command.order.recall.${row.recall.status}`)}
            <span className="order-chip__time"> {fmt.time(row.recall.updatedAt)}</span>
          </span>
        )}
      </div>
      {row.dispatch && !row.recall && (
        <Arrival resourceId={row.resourceId} status={status} incidentId={incidentId} />
      )}
      {row.dispatch?.reply && <q className="unit-row__reply">{row.dispatch.reply}</q>}
      {row.resource?.phone && (
        <div className="unit-row__phone">
          <PhoneLink phone={row.resource.phone} />
        </div>
      )}
      {canRecall && (
        <div className="tablet-actions">
          <button
            type="button"
            className="tablet-btn"
            data-testid="recall"
            onClick={() =>
              tabletUi.setState({
                dialog: { kind: 'recall', incidentId, resourceId: row.resourceId },
              })
            }
          >
            {t('command.recall.button')}
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * The units dispatched to the incident and where each stands: this tablet's command (waiting
 * for the server, refused, unconfirmed), the order (sent, acknowledged by the agency, done or
 * refused), and the unit's own status from its feed (en route, on scene).
 */
export function UnitsPanel({ incidentId }: { incidentId: string }): ReactElement {
  const { t } = useTranslation();
  const orders = useAppStore((s) => s.orders);
  const resources = useAppStore((s) => s.resources);
  const entries = useCommandLog((s) => s.entries);
  const rows = useMemo(
    () => unitRows(incidentId, orders.values(), resources, entries),
    [incidentId, orders, resources, entries],
  );
  const rowIds = useMemo(() => rows.map((r) => r.resourceId), [rows]);
  return (
    <div className="units" data-testid="units" data-count={rows.length}>
      {rows.length === 0 ? (
        <p className="tablet-empty">{t('command.units.empty')}</p>
      ) : (
        <RowIds.Provider value={rowIds}>
          <ul className="units__items">
            {rows.map((row) => (
              <UnitItem key={row.resourceId} row={row} incidentId={incidentId} />
            ))}
          </ul>
        </RowIds.Provider>
      )}
    </div>
  );
}
