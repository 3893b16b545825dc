import { z } from 'zod';
import { Alarm, Hazard } from './entities';

/**
 * Every state change, as appended to the `events` stream. Clients receive each one, in order,
 * tagged with its stream id (`StampedEvent`).
 */
export const LiveEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hazard'), op: z.literal('upsert'), data: Hazard }),
  z.object({ kind: z.literal('alarm'), op: z.literal('upsert'), data: Alarm }),
]);
export type LiveEvent = z.infer<typeof LiveEvent>;
export type LiveEventKind = LiveEvent['kind'];

export type StampedEvent = LiveEvent & { id: string };

/** Compares two Redis stream ids (`ms-seq`) numerically. */
export function compareStreamIds(a: string, b: string): number {
  const [am = '0', as = '0'] = a.split('-');
  const [bm = '0', bs = '0'] = b.split('-');
  if (am.length !== bm.length) return am.length - bm.length;
  if (am !== bm) return am < bm ? -1 : 1;
  const sa = Number(as);
  const sb = Number(bs);
  return sa === sb ? 0 : sa < sb ? -1 : 1;
}

/** The id before any event: a client holding it has applied nothing. */
export const ORIGIN_EVENT_ID = '0-0';
