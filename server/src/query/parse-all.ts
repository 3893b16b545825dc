import type { z } from 'zod';

/**
 * Every entry of a state hash that parses with `schema`; an unreadable one (not JSON, or not of
 * the schema) is left out, as in the snapshot — one bad entry must not hide the rest. The live
 * path (ingest) logs such entries; a query only skips them.
 */
export function parseAll<S extends z.ZodType>(
  hash: Record<string, string>,
  schema: S,
): z.output<S>[] {
  const out: z.output<S>[] = [];
  for (const json of Object.values(hash)) {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}
