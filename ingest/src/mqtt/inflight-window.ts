/**
 * Finds the broker's in-flight window from what ingest sees, for MQTT 3.1.1, where a client
 * cannot ask for one (v5 sends its own Receive Maximum). Ingest acknowledges a message only once
 * it is stored, so a broker with a window of W and more waiting hands over W messages, waits,
 * and sends the next ones the moment PUBACKs leave. Two signs together, over the last
 * `SAMPLES` batches, make W the window:
 * - pinned: nearly every batch is taken with exactly W unacknowledged messages in hand, and
 *   never more (a free stream wanders below its maximum and only touches it);
 * - refilled: nearly every time PUBACKs leave at W, the next message follows within
 *   `REFILL_MS` (a burst of exactly W messages on a timer would be followed by silence).
 * Pure: events and clock come from the caller.
 */

/** Batches (and acknowledgements at the ceiling) looked at. */
export const SAMPLES = 20;
/** Share of them that must show each sign. */
const SHARE = 0.75;
/** How soon after PUBACKs a message counts as sent because of them. */
export const REFILL_MS = 20;

export function createWindowWatch(now: () => number = Date.now) {
  /** Most messages ever held unacknowledged. */
  let ceiling = 0;
  /** Per batch taken: whether it was taken at the ceiling. */
  let takes: boolean[] = [];
  /** Per acknowledgement at the ceiling: whether a message followed within REFILL_MS. */
  let refills: boolean[] = [];
  let ackedAtCeiling: number | undefined;
  let found: number | undefined;

  const recent = (list: boolean[], value: boolean) => [...list, value].slice(-SAMPLES);
  const share = (list: boolean[]) =>
    list.length < SAMPLES ? 0 : list.filter(Boolean).length / list.length;

  return {
    /** A QoS 1 message arrived; `unacked` held, it included. */
    arrived(unacked: number): void {
      if (ackedAtCeiling !== undefined) {
        refills = recent(refills, now() - ackedAtCeiling <= REFILL_MS);
        ackedAtCeiling = undefined;
      }
      if (unacked > ceiling) {
        ceiling = unacked;
        takes = [];
        refills = [];
        found = undefined;
      }
    },
    /** PUBACKs left; `unacked` were held just before. */
    acked(unacked: number): void {
      if (unacked === ceiling) ackedAtCeiling = now();
    },
    /**
     * A batch is taken with `unacked` held. Returns the window the first time the signs show
     * one (at most `batchMessages`: a window that large does not limit batches).
     */
    taken(unacked: number, batchMessages: number): number | undefined {
      takes = recent(takes, unacked === ceiling);
      if (found !== undefined || ceiling < 2 || ceiling >= batchMessages) return undefined;
      if (share(takes) >= SHARE && share(refills) >= SHARE) return (found = ceiling);
      return undefined;
    },
  };
}
export type WindowWatch = ReturnType<typeof createWindowWatch>;
