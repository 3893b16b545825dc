import { describe, expect, it } from 'vitest';
import type { Logger } from '@cc/shared/node';
import { logMemory } from '@cc/shared/node';

describe('memory log', () => {
  it('logs RSS, the heap in use and held, its young part, memory outside it and the heap left by the last full collection, every interval', async () => {
    const lines: { fields: Record<string, unknown>; msg: string }[] = [];
    const log = {
      info: (fields: Record<string, unknown>, msg: string) => lines.push({ fields, msg }),
    } as unknown as Logger;
    const stop = logMemory(log, 20);
    try {
      await new Promise((r) => setTimeout(r, 70));
    } finally {
      stop();
    }
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const { fields, msg } = lines[0]!;
    expect(msg).toBe('memory');
    expect(fields.rssMiB).toBeGreaterThan(0);
    expect(fields.heapMiB).toBeGreaterThan(0);
    expect(fields.heapTotalMiB).toBeGreaterThanOrEqual(fields.heapMiB as number);
    expect(fields.youngMiB).toBeGreaterThan(0);
    expect(fields.youngMiB).toBeLessThan(fields.heapTotalMiB as number);
    expect(fields.externalMiB).toBeGreaterThanOrEqual(0);
    // Null until the first full collection, a size after it.
    expect(fields.liveMiB === null || (fields.liveMiB as number) > 0).toBe(true);
    const count = lines.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.length).toBe(count);
  });
});
