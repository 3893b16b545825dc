import type { Order, Resource, ResourceStatus, UnitRefusal } from '@cc/shared';
import type { CommandEntry, CommandState } from './command-log';

/** Statuses a unit may be recalled from (as ingest's recall handler allows). */
export const RECALLABLE: readonly ResourceStatus[] = ['dispatched', 'en_route', 'on_scene'];

/** A unit engaged with an incident: its latest orders and this tablet's latest command about it. */
export interface UnitRow {
  resourceId: string;
  resource: Resource | undefined;
  /** The newest dispatch order to this incident. */
  dispatch: Order | undefined;
  /** A recall order given after that dispatch. */
  recall: Order | undefined;
  /** This tablet's newest command about the unit, while its outcome is still worth showing. */
  command:
    | {
        commandId: string;
        kind: 'dispatch' | 'recall';
        state: CommandState;
        message?: string;
        /** The refusal's or the failure's code. */
        code?: string;
        /** The dispatch went out without this unit: why. */
        refusal?: UnitRefusal;
      }
    | undefined;
}

function newer(a: Order | undefined, b: Order): boolean {
  return a === undefined || b.sentAt > a.sentAt;
}

/**
 * The incident's units, newest order first: from the orders in the picture and from this
 * tablet's commands (a dispatch still waiting for the server has no order yet). A confirmed
 * command is shown only until its order arrives; a refused or unconfirmed one until dismissed
 * or retried. Pure.
 */
export function unitRows(
  incidentId: string,
  orders: Iterable<Order>,
  resources: ReadonlyMap<string, Resource>,
  entries: ReadonlyMap<string, CommandEntry>,
): UnitRow[] {
  const rows = new Map<string, UnitRow>();
  const row = (resourceId: string): UnitRow => {
    let r = rows.get(resourceId);
    if (!r) {
      r = {
        resourceId,
        resource: resources.get(resourceId),
        dispatch: undefined,
        recall: undefined,
        command: undefined,
      };
      rows.set(resourceId, r);
    }
    return r;
  };
  const all = [...orders];
  for (const o of all) {
    if (
      o.kind === 'dispatch' &&
      o.incidentId === incidentId &&
      newer(rows.get(o.resourceId)?.dispatch, o)
    )
      row(o.resourceId).dispatch = o;
  }
  for (const o of all) {
    const r = o.kind === 'recall' ? rows.get(o.resourceId) : undefined;
    if (r?.dispatch && o.sentAt >= r.dispatch.sentAt && newer(r.recall, o)) r.recall = o;
  }
  const latest = new Map<
    string,
    { id: string; entry: CommandEntry; kind: 'dispatch' | 'recall' }
  >();
  for (const [id, entry] of entries) {
    const c = entry.command;
    const touched =
      c.type === 'dispatch' && c.incidentId === incidentId
        ? c.resourceIds
        : c.type === 'recall' && rows.has(c.resourceId)
          ? [c.resourceId]
          : [];
    for (const resourceId of touched) {
      const prev = latest.get(resourceId);
      if (!prev || entry.sentAt >= prev.entry.sentAt)
        latest.set(resourceId, { id, entry, kind: c.type === 'dispatch' ? 'dispatch' : 'recall' });
    }
  }
  for (const [resourceId, { id, entry, kind }] of latest) {
    const r = row(resourceId);
    const arrived = kind === 'dispatch' ? r.dispatch : r.recall;
    const refusal = entry.refused?.find((u) => u.resourceId === resourceId);
    // Confirmed and its order is here: the order speaks for it from now on.
    if (
      !refusal &&
      entry.state === 'confirmed' &&
      arrived &&
      arrived.sentAt >= entry.sentAt - CLOCK_SLACK_MS
    )
      continue;
    r.command = {
      commandId: id,
      kind,
      // A dispatch confirmed for the others did not take this one.
      state: refusal ? 'refused' : entry.state,
      ...(entry.message === undefined || refusal ? {} : { message: entry.message }),
      ...(entry.code === undefined || refusal ? {} : { code: entry.code }),
      ...(refusal ? { refusal } : {}),
    };
  }
  return [...rows.values()].sort(
    (a, b) =>
      (b.dispatch?.sentAt ?? Number.MAX_SAFE_INTEGER) -
        (a.dispatch?.sentAt ?? Number.MAX_SAFE_INTEGER) || a.resourceId.localeCompare(b.resourceId),
  );
}

/**
 * Orders carry the server's clock and commands the tablet's: an order counts as the answer to a
 * command sent up to this long after it (tablet clock ahead of the server).
 */
const CLOCK_SLACK_MS = 5 * 60_000;

/** Statuses of a dispatched unit still on its way. */
const ON_THE_WAY: readonly ResourceStatus[] = ['dispatched', 'en_route'];

/**
 * The units whose way to the incident the map draws: the suggestions picked for dispatch and the
 * units dispatched to it (not recalled) still on their way; sorted, at most `max`. Pure.
 */
export function routeUnitIds(
  incidentId: string,
  picked: ReadonlySet<string>,
  orders: Iterable<Order>,
  resources: ReadonlyMap<string, Resource>,
  max: number,
): string[] {
  const ids = new Set(picked);
  for (const row of unitRows(incidentId, orders, resources, new Map())) {
    const status = row.resource?.status;
    if (row.dispatch && !row.recall && status && ON_THE_WAY.includes(status))
      ids.add(row.resourceId);
  }
  return [...ids].sort().slice(0, max);
}

/**
 * Whole minutes left for a unit on its way, counting down from the ETA decision support gave at
 * `at` (server time) to `now` (server time); 0 once it is due. Pure.
 */
export function minutesLeft(etaMinutes: number, at: number, now: number): number {
  return Math.max(0, Math.ceil(etaMinutes - (now - at) / 60_000));
}
