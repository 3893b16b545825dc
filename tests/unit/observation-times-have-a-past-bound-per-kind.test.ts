import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '@cc/shared/node';
import { observedAt } from '../../ingest/src/feeds/decode';
import { refusal } from '../helpers/refusal';

const config = ConfigSchema.parse({});
const NOW = Date.parse('2026-12-07T12:00:00Z');
const ctx = { config, now: () => NOW };
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('observation times', () => {
  it('are refused past their kind’s bound, with the field and the bound named', () => {
    // A gateway's backlog of a few hours is a late reading, not a refusal; a week is the bound.
    expect(observedAt(ctx, ago(6 * HOUR), [2], 'telemetry')).toBe(NOW - 6 * HOUR);
    expect(observedAt(ctx, ago(7 * DAY), [], 'telemetry')).toBe(NOW - 7 * DAY);
    const reading = refusal(() => observedAt(ctx, ago(7 * DAY + 1000), [2], 'telemetry'));
    expect(reading).toMatchObject({ code: 'feed.past_ts', path: [2, 'ts'] });
    expect(reading.message).toBe(
      `2.ts: ${ago(7 * DAY + 1000)} is more than 7 days behind the clock (the bound for readings and positions)`,
    );

    // An incident ten years old, or from year 1, is not happening now.
    expect(observedAt(ctx, ago(29 * DAY), [], 'event')).toBe(NOW - 29 * DAY);
    for (const ts of [ago(3_650 * DAY), '0001-01-01T00:00:00Z']) {
      expect(refusal(() => observedAt(ctx, ts, [], 'event'))).toMatchObject({
        code: 'feed.past_ts',
        message: `ts: ${ts} is more than 30 days behind the clock (the bound for incidents, warnings and order answers)`,
      });
    }

    // A place or a hazard registered years ago stands; from year 1 it does not.
    expect(observedAt(ctx, ago(5 * 365 * DAY), [], 'registration')).toBe(NOW - 5 * 365 * DAY);
    expect(refusal(() => observedAt(ctx, '0001-01-01T00:00:00Z', [], 'registration')).code).toBe(
      'feed.past_ts',
    );
  });

  it('take their bounds from the configuration', () => {
    const tight = { ...ctx, config: { ...config, MAX_PAST_TELEMETRY_S: 3_600 } };
    expect(refusal(() => observedAt(tight, ago(2 * HOUR), [], 'telemetry')).message).toMatch(
      /more than 1 hours behind the clock/,
    );
    // Still refused ahead of the clock, as before.
    expect(refusal(() => observedAt(ctx, ago(-10 * 60_000), [], 'event')).code).toBe(
      'feed.future_ts',
    );
  });
});
