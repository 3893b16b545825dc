import { LiveEvent, type StampedEvent } from '../../model/events';

/**
 * The event held by one entry of the `events` stream (field `e`), checked against the contract.
 * Throws when the entry does not parse: readers skip and record it rather than stall on it.
 */
export function eventOf(entry: { id: string; message: Record<string, string> }): StampedEvent {
  const json = entry.message.e;
  if (json === undefined) throw new Error('not an event entry (no field e)');
  return { id: entry.id, ...LiveEvent.parse(JSON.parse(json)) };
}

/**
 * The events of some stream entries in order, leaving out (and telling `onUnreadable` about) the
 * ones that do not parse.
 */
export function readableEvents(
  entries: readonly { id: string; message: Record<string, string> }[],
  onUnreadable: (id: string, err: unknown) => void,
): StampedEvent[] {
  const events: StampedEvent[] = [];
  for (const entry of entries) {
    try {
      events.push(eventOf(entry));
    } catch (err) {
      onUnreadable(entry.id, err);
    }
  }
  return events;
}
