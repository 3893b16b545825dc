import { describe, expect, it } from 'vitest';
import type { LngLat, OrderNotice } from '@cc/shared';
import { createPicture } from '../../demo/src/picture/picture';
import { haversineKm } from '../../demo/src/picture/routing';
import type { Outgoing } from '../../demo/src/picture/types';
import { DEMO_RESOURCES } from '../../demo/src/scenario/resources';

const T0 = Date.parse('2025-06-01T06:00:00Z');
const FIRE_INCIDENT = 'cz-119:HZ-BJ-001';
type Body = Record<string, unknown>;

/** A quiet demo (no new incidents) at 60× travel speed, and a clock the test moves. */
function world() {
  const picture = createPicture({
    seed: 3,
    everydayEveryMs: 0,
    seriousEveryMs: 0,
    speedFactor: 60,
  });
  picture.start(T0);
  let now = T0;
  const out: Outgoing[] = [];
  let seq = 0;
  return {
    picture,
    out,
    now: () => now,
    /** Advances the clock in 500 ms ticks, collecting what is published. */
    advance(ms: number) {
      for (const end = now + ms; now < end;) {
        now += 500;
        out.push(...picture.tick(now));
      }
    },
    order(agency: string, kind: 'dispatch' | 'recall', resourceId: string, incidentId?: string) {
      const notice: OrderNotice = {
        id: `ord-${++seq}`,
        kind,
        resourceId,
        ...(incidentId === undefined ? {} : { incidentId }),
        by: 'commander',
        sentAt: new Date(now).toISOString(),
      };
      picture.receiveOrder(agency, notice, now);
      return notice;
    },
  };
}

const replies = (out: Outgoing[], id: string) =>
  out.filter((m) => m.kind === 'order' && (m.body as Body).id === id).map((m) => m.body as Body);
const fulls = (out: Outgoing[], id: string) =>
  out
    .filter((m) => m.kind === 'resource' && !m.telemetry && (m.body as Body).id === id)
    .map((m) => m.body as Body);
const positions = (out: Outgoing[], id: string) =>
  out.filter((m) => m.telemetry && (m.body as Body).id === id).map((m) => m.body as Body);
const at = (b: Body) => (b.location as { coordinates: LngLat }).coordinates;
const station = (id: string) => DEMO_RESOURCES.find((r) => r.id === id)!.station;

describe('a demo agency given a dispatch order', () => {
  it('acknowledges in 1–3 s, drives to the incident and reports on scene, then done', () => {
    const w = world();
    const notice = w.order('cz-119', 'dispatch', 'ZL-FE-01', FIRE_INCIDENT);
    w.advance(900);
    expect(replies(w.out, notice.id)).toEqual([]);
    w.advance(2_600);
    const [ack] = replies(w.out, notice.id);
    expect(ack).toMatchObject({ status: 'acknowledged' });
    const delay = Date.parse(String(ack?.ts)) - T0;
    expect(delay).toBeGreaterThanOrEqual(1_000);
    expect(delay).toBeLessThanOrEqual(3_000);
    expect(fulls(w.out, 'ZL-FE-01')[0]).toMatchObject({ status: 'en_route', speed: 45 });
    expect(Date.parse(String(fulls(w.out, 'ZL-FE-01')[0]?.ts))).toBeGreaterThan(
      Date.parse(notice.sentAt),
    );

    const target = w.picture.incident(FIRE_INCIDENT)!.def.at;
    w.advance(60_000);
    const track = positions(w.out, 'ZL-FE-01').map((p) => haversineKm(at(p), target));
    expect(track.length).toBeGreaterThan(5);
    expect(track.at(-1)!).toBeLessThan(track[0]!);

    w.advance(10 * 60_000);
    expect(fulls(w.out, 'ZL-FE-01').map((b) => b.status)).toEqual(['en_route', 'on_scene']);
    expect(haversineKm(at(fulls(w.out, 'ZL-FE-01')[1]!), target)).toBeLessThan(0.2);
    expect(replies(w.out, notice.id).map((r) => r.status)).toEqual(['acknowledged', 'done']);
  });

  it('comes back on a recall: returning, then available at its station, and done', () => {
    const w = world();
    w.order('cz-120', 'dispatch', 'TN-AM-01', FIRE_INCIDENT);
    w.advance(60_000);
    const recall = w.order('cz-120', 'recall', 'TN-AM-01');
    w.advance(3_500);
    expect(replies(w.out, recall.id)[0]).toMatchObject({ status: 'acknowledged' });
    expect(fulls(w.out, 'TN-AM-01').at(-1)).toMatchObject({ status: 'returning' });
    w.advance(10 * 60_000);
    const last = fulls(w.out, 'TN-AM-01').at(-1)!;
    expect(last.status).toBe('available');
    expect(haversineKm(at(last), station('TN-AM-01'))).toBeLessThan(0.01);
    expect(replies(w.out, recall.id).map((r) => r.status)).toEqual(['acknowledged', 'done']);
  });

  it('answers an order delivered twice (QoS 1) once', () => {
    const w = world();
    const notice = w.order('cz-police', 'dispatch', 'JT-PC-01', FIRE_INCIDENT);
    w.picture.receiveOrder('cz-police', notice, w.now());
    w.advance(5_000);
    expect(replies(w.out, notice.id).map((r) => r.status)).toEqual(['acknowledged']);
  });

  it('refuses what it cannot do, saying why, and restates a busy unit', () => {
    const w = world();
    const busy = w.order('cz-119', 'dispatch', 'BJ-FE-01', 'cz-119:HZ-TN-002');
    const unknownIncident = w.order('cz-119', 'dispatch', 'LY-FE-01', 'cc:INC-42');
    const unknownUnit = w.order('cz-119', 'dispatch', 'NOPE-1', FIRE_INCIDENT);
    w.advance(4_000);
    expect(replies(w.out, busy.id)[0]).toMatchObject({ status: 'refused' });
    expect(String(replies(w.out, busy.id)[0]?.note)).toContain('正在执行其他任务');
    expect(fulls(w.out, 'BJ-FE-01').at(-1)).toMatchObject({ status: 'on_scene' });
    expect(replies(w.out, unknownIncident.id)[0]).toMatchObject({ status: 'refused' });
    expect(String(replies(w.out, unknownIncident.id)[0]?.note)).toContain('cc:INC-42');
    expect(replies(w.out, unknownUnit.id)[0]).toMatchObject({ status: 'refused' });
    expect(fulls(w.out, 'LY-FE-01')).toEqual([]);
  });

  it('sends stock from a depot: acknowledged, done, less in store', () => {
    const w = world();
    const before = DEMO_RESOURCES.find((r) => r.id === 'BJCK')!.inventory!;
    const notice = w.order('cz-emergency', 'dispatch', 'BJCK', FIRE_INCIDENT);
    w.advance(8_000);
    expect(replies(w.out, notice.id).map((r) => r.status)).toEqual(['acknowledged', 'done']);
    const depot = fulls(w.out, 'BJCK').at(-1)!;
    expect(depot.status).toBe('available');
    const after = depot.inventory as { item: string; quantity: number }[];
    expect(after.map((l) => l.item)).toEqual(before.map((l) => l.item));
    expect(after.every((l, i) => l.quantity < before[i]!.quantity)).toBe(true);
  });

  it('leaves a unit with an unanswered order out of what it sends again on reconnect', () => {
    const w = world();
    w.order('cz-119', 'dispatch', 'JK-FE-01', FIRE_INCIDENT);
    const ids = w.picture.snapshot('cz-119').filter((m) => !m.telemetry && m.kind === 'resource');
    expect(ids.map((m) => (m.body as Body).id)).not.toContain('JK-FE-01');
    w.advance(4_000);
    const again = w.picture.snapshot('cz-119').filter((m) => !m.telemetry && m.kind === 'resource');
    expect(again.map((m) => (m.body as Body).id)).toContain('JK-FE-01');
  });
});
