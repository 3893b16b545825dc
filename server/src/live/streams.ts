import type { Camera, Snapshot, StampedEvent } from '@cc/shared';

/** A camera as shown to a screen that may not see its stream addresses (`canSeeStreams`). */
export function withoutStreams(camera: Camera): Camera {
  const rest = { ...camera };
  delete rest.streams;
  return rest;
}

/** Events with every camera's stream addresses left out; the other events are the same objects. */
export function eventsWithoutStreams(events: StampedEvent[]): StampedEvent[] {
  if (!events.some((e) => e.kind === 'camera' && e.op === 'upsert')) return events;
  return events.map((e) =>
    e.kind === 'camera' && e.op === 'upsert' ? { ...e, data: withoutStreams(e.data) } : e,
  );
}

export function snapshotWithoutStreams(snapshot: Snapshot): Snapshot {
  return { ...snapshot, cameras: snapshot.cameras.map(withoutStreams) };
}
