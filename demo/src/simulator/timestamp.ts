/** China Standard Time, the offset the enterprises' own systems stamp readings with. */
export const CST_OFFSET_MINUTES = 480;

/** RFC 3339 with milliseconds and an explicit offset, e.g. `2025-06-01T14:03:07.250+08:00`. */
export function rfc3339(ms: number, offsetMinutes: number = CST_OFFSET_MINUTES): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
