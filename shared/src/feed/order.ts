import { z } from 'zod';
import { LocalId, ObservedAt, PointGeometry } from './common';

/** What an agency may answer to an order: it took it, it carried it out, or it cannot. */
export const OrderReplyStatus = z.enum(['acknowledged', 'done', 'refused']);
export type OrderReplyStatus = z.infer<typeof OrderReplyStatus>;

/**
 * `cc/v1/{agency}/order`: an agency's answer to an order it received on `cc/v1/{agency}/orders`.
 * `id` is the order's id as received (the agency's own part, without `{agency}:`).
 */
export const OrderReplyMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  status: OrderReplyStatus,
  note: z.string().trim().min(1).max(2_000).optional(),
});
export type OrderReplyMessage = z.infer<typeof OrderReplyMessage>;

/**
 * What an agency receives on `cc/v1/{agency}/orders` (QoS 1): ids are its own (without
 * `{agency}:`) except the incident's, which may be another agency's; times are RFC 3339. A
 * dispatch names the incident's title and location too, so an agency can go to an incident it
 * never heard of (one a commander created, or another agency's).
 */
export const OrderNotice = z.strictObject({
  id: LocalId,
  kind: z.enum(['dispatch', 'recall']),
  resourceId: LocalId,
  incidentId: z.string().optional(),
  /** For a dispatch: the incident's title. */
  incidentTitle: z.string().optional(),
  /** For a dispatch: where the incident is, WGS-84. */
  incidentLocation: PointGeometry.optional(),
  note: z.string().optional(),
  /** Who gave the order. */
  by: z.string(),
  sentAt: ObservedAt,
});
export type OrderNotice = z.infer<typeof OrderNotice>;
