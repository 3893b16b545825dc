import { rfc3339 } from '../simulator/timestamp';

/** Observation times of one simulated world: RFC 3339 in the agencies' offset (CST). */
export interface Clock {
  offsetMinutes: number;
  /** RFC 3339 with milliseconds. */
  ts(ms: number): string;
  /** RFC 3339 to the second, as CAP 1.2 writes times. */
  capTime(ms: number): string;
  /** 1 January, 00:00 local time, of the year `ms` falls in. */
  yearStart(ms: number): number;
  /** `yyMMddHHmm`, local: a compact stamp for ids. */
  stamp(ms: number): string;
}

export function createClock(offsetMinutes: number): Clock {
  const shift = offsetMinutes * 60_000;
  return {
    offsetMinutes,
    ts: (ms) => rfc3339(ms, offsetMinutes),
    capTime(ms) {
      const full = rfc3339(Math.floor(ms / 1000) * 1000, offsetMinutes);
      return full.slice(0, 19) + full.slice(23);
    },
    yearStart(ms) {
      const local = new Date(ms + shift);
      return Date.UTC(local.getUTCFullYear(), 0, 1) - shift;
    },
    stamp(ms) {
      return new Date(ms + shift).toISOString().slice(2, 16).replace(/[-T:]/g, '');
    },
  };
}
