/**
 * A fresh UUID (v4) for a command. `crypto.randomUUID` exists only in secure contexts, and a
 * tablet may reach the server over plain HTTP on a closed network; `getRandomValues` works in both.
 */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A local id for an incident the tablet reports: `T` + time + random, within LocalId's rules. */
export function newIncidentLocalId(now = Date.now()): string {
  const rand = crypto.getRandomValues(new Uint8Array(3));
  return `T${now.toString(36).toUpperCase()}-${[...rand].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}
