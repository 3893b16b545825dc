import { z } from 'zod';
import { LocalId, ObservedAt } from './common';

/** `cc/v1/{agency}/sensor`: one reading of a sensor registered by a hazard message. */
export const ReadingMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  value: z.number().finite(),
});
export type ReadingMessage = z.infer<typeof ReadingMessage>;
