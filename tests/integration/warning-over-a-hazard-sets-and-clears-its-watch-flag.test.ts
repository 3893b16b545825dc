import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hazard, Place, type LiveEvent } from '@cc/shared';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { PLACE_EXAMPLE } from '../helpers/kind-fixtures';
import { waitFor } from '../helpers/wait';

/** An orange rainstorm warning: a 3 km circle round the harness's hazard (119.93, 31.95). */
function warning(msgType: 'alert' | 'cancel', ts: number) {
  return {
    id: msgType === 'alert' ? 'RAIN-1' : 'RAIN-1-C',
    ts: new Date(ts).toISOString(),
    msgType,
    ...(msgType === 'cancel' ? { references: ['RAIN-1'] } : {}),
    event: '暴雨',
    signal: 'orange',
    severity: 'severe',
    urgency: 'expected',
    certainty: 'likely',
    headline: '常州市气象台发布暴雨橙色预警信号',
    expires: new Date(ts + 3_600_000).toISOString(),
    areas: [{ description: '新北区西部', circle: { center: [119.93, 31.95], radiusKm: 3 } }],
  };
}

type Flagged = { kind: string; id: string; signal: string | undefined };

/** The hazard and place upserts of the events stream: which entity, with which flag. */
function flags(events: LiveEvent[]): Flagged[] {
  return events.flatMap((e): Flagged[] =>
    e.op === 'upsert' && (e.kind === 'hazard' || e.kind === 'place')
      ? [{ kind: e.kind, id: e.data.id, signal: e.data.watch?.signal }]
      : [],
  );
}

describe.each(BROKERS)('on $name: a warning over a hazard and a school', (broker) => {
  let h: FeedHarness;
  const hazardId = () => `${h.agency}:${h.hazard.id}`;
  const inside = `${PLACE_EXAMPLE.id}-in`;
  const outside = `${PLACE_EXAMPLE.id}-out`;
  beforeAll(async () => {
    h = await startFeedHarness('watch', broker);
    const ts = new Date(Date.now() - 30_000).toISOString();
    // One school 1 km from the hazard, inside the circle; one 10 km away, outside.
    await h.publish('place', [
      {
        ...PLACE_EXAMPLE,
        id: inside,
        ts,
        location: { type: 'Point', coordinates: [119.94, 31.955] },
      },
      {
        ...PLACE_EXAMPLE,
        id: outside,
        ts,
        location: { type: 'Point', coordinates: [120.05, 31.95] },
      },
    ]);
    await waitFor(
      () => h.redis.hGet(h.keys.state('place'), `${h.agency}:${outside}`),
      'places stored',
    );
  });
  afterAll(async () => {
    await h.stop();
  });

  async function hazard(): Promise<Hazard> {
    return Hazard.parse(JSON.parse((await h.redis.hGet(h.keys.state('hazard'), hazardId()))!));
  }
  async function place(localId: string): Promise<Place> {
    const json = await h.redis.hGet(h.keys.state('place'), `${h.agency}:${localId}`);
    return Place.parse(JSON.parse(json!));
  }

  it('flags the hazard and the school inside with orange, as events; the school outside is untouched', async () => {
    const before = (await h.events()).length;
    const issued = Date.now();
    await h.publish('warning', warning('alert', issued));
    await waitFor(async () => (await hazard()).watch, 'hazard flagged');
    const watch = (await hazard()).watch!;
    expect(watch.signal).toBe('orange');
    expect(watch.warningId).toBe(`${h.agency}:RAIN-1`);
    expect(watch.since).toBeGreaterThanOrEqual(issued - 1_000);
    await waitFor(async () => (await place(inside)).watch, 'school flagged');
    expect((await place(inside)).watch?.signal).toBe('orange');
    expect((await place(outside)).watch).toBeUndefined();
    const changed = flags((await h.events()).slice(before));
    expect(changed).toContainEqual({ kind: 'hazard', id: hazardId(), signal: 'orange' });
    expect(changed).toContainEqual({
      kind: 'place',
      id: `${h.agency}:${inside}`,
      signal: 'orange',
    });
    expect(changed.filter((c) => c.id === `${h.agency}:${outside}`)).toEqual([]);
  });

  it("keeps the flag through the agency's own update of the hazard, without a second flag event", async () => {
    const since = (await hazard()).watch!.since;
    await h.publish('hazard', {
      ...h.hazard,
      ts: new Date().toISOString(),
      name: '液氯储罐区（更新）',
    });
    await waitFor(async () => (await hazard()).name.endsWith('（更新）'), 'hazard updated');
    expect((await hazard()).watch).toMatchObject({ signal: 'orange', since });
    // A sweep later (every second), nothing flapped: the update's own event carried the flag.
    await new Promise((r) => setTimeout(r, 1_500));
    const last = flags(await h.events())
      .filter((c) => c.id === hazardId())
      .at(-1);
    expect(last).toEqual({ kind: 'hazard', id: hazardId(), signal: 'orange' });
  });

  it('clears both flags when the warning is cancelled, each with an event', async () => {
    const before = (await h.events()).length;
    await h.publish('warning', warning('cancel', Date.now()));
    await waitFor(async () => !(await hazard()).watch, 'hazard flag cleared');
    await waitFor(async () => !(await place(inside)).watch, 'school flag cleared');
    const changed = flags((await h.events()).slice(before));
    expect(changed).toContainEqual({ kind: 'hazard', id: hazardId(), signal: undefined });
    expect(changed).toContainEqual({
      kind: 'place',
      id: `${h.agency}:${inside}`,
      signal: undefined,
    });
  });
});
