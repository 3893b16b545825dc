/**
 * Several ingest workers without shared subscriptions: each owns a fixed part of the agencies
 * and subscribes to them with plain persistent subscriptions, which Mosquitto restores after a
 * restart (a `$share` subscription it does not: 2.0.11 lost acknowledged messages that way).
 * Ownership is a stable hash of the agency id, so adding an agency moves no other.
 */

/** Worker `worker` of `of` (1-based). */
export interface PartitionPart {
  worker: number;
  of: number;
}

/** `k/N[,k/M…]` (INGEST_PARTITION, already checked by the configuration schema). */
export function parsePartition(text: string): PartitionPart[] {
  return text.split(',').map((part) => {
    const [worker, of] = part.split('/').map(Number) as [number, number];
    return { worker, of };
  });
}

/** FNV-1a, 32 bits: stable across processes, versions and machines. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Which of `of` workers (1-based) owns an agency. */
export function ownerOf(agency: string, of: number): number {
  return (fnv1a(agency) % of) + 1;
}

/** The agencies a worker owns under any of its parts (the union while moving to a new N). */
export function ownedAgencies(
  agencies: Iterable<string>,
  parts: readonly PartitionPart[],
): string[] {
  return [...agencies].filter((agency) => parts.some((p) => ownerOf(agency, p.of) === p.worker));
}
