import type { z } from 'zod';
import type { StateKind } from '@cc/shared/node';
import type { FeedContext } from '../feeds/context';

/**
 * The readable entries among raw state values (a hash's values); an unreadable one — not JSON,
 * or not of the schema — is logged and left out, so one corrupt entry blocks nothing.
 */
export function parseState<S extends z.ZodType>(
  ctx: Pick<FeedContext, 'log'>,
  schema: S,
  values: Iterable<string | null>,
): z.output<S>[] {
  const parsed: z.output<S>[] = [];
  for (const json of values) {
    if (json === null) continue;
    let result;
    try {
      result = schema.safeParse(JSON.parse(json));
    } catch (err) {
      result = { success: false as const, error: err as Error };
    }
    if (result.success) parsed.push(result.data);
    else ctx.log.warn({ err: result.error.message }, 'unreadable entry in state; left out');
  }
  return parsed;
}

/** Every readable entity of a kind's state hash. */
export async function readState<S extends z.ZodType>(
  ctx: Pick<FeedContext, 'log' | 'redis' | 'keys'>,
  kind: StateKind,
  schema: S,
): Promise<z.output<S>[]> {
  return parseState(ctx, schema, Object.values(await ctx.redis.hGetAll(ctx.keys.state(kind))));
}
