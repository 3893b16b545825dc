import { z } from 'zod';
import { HiddenHazard } from '../hiddenhazard/model';
import {
  Alarm,
  Camera,
  CameraHealth,
  Hazard,
  Incident,
  Order,
  Place,
  ProtectiveZone,
  Resource,
  RiskArea,
  Station,
  Warning,
} from './entities';
import { DutyEntry, Report } from '../duty/model';
import { StockLedger } from '../stock/model';
import { Shelter } from '../shelter/model';
import { Coverage } from '../fire-coverage/model';
import { DisasterReport } from '../disaster/model';

const upsert = <K extends string, T extends z.ZodType>(kind: K, data: T) =>
  z.object({ kind: z.literal(kind), op: z.literal('upsert'), data });

/** Entity kinds whose state changes are events. */
export const EVENT_KINDS = [
  'hazard',
  'alarm',
  'incident',
  'resource',
  'warning',
  'riskarea',
  'order',
  'place',
  'station',
  'zone',
  'hiddenhazard',
  'camera',
  'camerahealth',
  'duty',
  'report',
  'stock',
  'shelter',
  'coverage',
  'disasterreport',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * Every state change, as appended to the `events` stream. Clients receive each one, in order,
 * tagged with its stream id (`StampedEvent`). `remove` takes an entity out of the picture (a
 * cancelled or expired warning, for instance).
 */
export const LiveEvent = z.union([
  upsert('hazard', Hazard),
  upsert('alarm', Alarm),
  upsert('incident', Incident),
  upsert('resource', Resource),
  upsert('warning', Warning),
  upsert('riskarea', RiskArea),
  upsert('order', Order),
  upsert('place', Place),
  upsert('station', Station),
  upsert('zone', ProtectiveZone),
  upsert('hiddenhazard', HiddenHazard),
  upsert('camera', Camera),
  upsert('camerahealth', CameraHealth),
  upsert('duty', DutyEntry),
  upsert('report', Report),
  upsert('stock', StockLedger),
  upsert('shelter', Shelter),
  upsert('coverage', Coverage),
  upsert('disasterreport', DisasterReport),
  // `entityId`, not `id`: a stamped event's `id` is its stream id.
  z.object({ kind: z.enum(EVENT_KINDS), op: z.literal('remove'), entityId: z.string() }),
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
