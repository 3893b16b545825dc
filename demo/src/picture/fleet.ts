import type { LngLat, OrderNotice, OrderReplyStatus, ResourceStatus } from '@cc/shared';
import { FIXED_TYPES, SPEED_KMH } from '../scenario/resources';
import type { Need } from '../scenario/incident-templates';
import type { Rng } from '../simulator/prng';
import type { Agenda } from './agenda';
import type { Clock } from './clock';
import { haversineKm, planRoute, pointAlong, type Route } from './routing';
import type { Outgoing, ResourceDef } from './types';

export interface FleetOptions {
  rng: Rng;
  agenda: Agenda;
  clock: Clock;
  emit: (out: Outgoing) => void;
  /** Where an incident is (`{agency}:{id}`); undefined when the demo's agencies do not know it. */
  locate: (incidentKey: string) => LngLat | undefined;
  /** Vehicles report their position this often while they move. */
  positionEveryMs: number;
  /** Travel time divided by this (1 = real speeds); for tests and impatient demos. */
  speedFactor: number;
}

interface Trip {
  route: Route;
  startMs: number;
  kmh: number;
  purpose: 'go' | 'return';
  orderId?: string;
}

interface Unit {
  key: string;
  def: ResourceDef;
  status: ResourceStatus;
  at: LngLat;
  heading?: number;
  trip?: Trip;
  /** The incident the unit works on (`{agency}:{id}`). */
  incident?: string;
  /** Observation time of the last full message: every later one is stamped after it. */
  lastTs: number;
  last?: Record<string, unknown>;
  positionTs: number;
  /** Orders received and not answered yet: the product's state may be ahead of ours. */
  pending: number;
  inventory?: NonNullable<ResourceDef['inventory']>;
  occupancy?: number;
}

const MOVING: ReadonlySet<ResourceStatus> = new Set(['en_route', 'returning']);

/**
 * The demo agencies' resources: where they are, their status, their trips along the roads, and
 * how their agencies answer dispatch and recall orders. Pure apart from the `emit` it is given.
 */
export function createFleet(defs: readonly ResourceDef[], o: FleetOptions) {
  const units = new Map<string, Unit>();
  for (const def of defs) {
    const key = `${def.agency}:${def.id}`;
    if (units.has(key)) throw new Error(`resource ${key} is defined twice`);
    units.set(key, {
      key,
      def,
      status: 'available',
      at: def.station,
      lastTs: 0,
      positionTs: 0,
      pending: 0,
      ...(def.inventory ? { inventory: def.inventory.map((l) => ({ ...l })) } : {}),
      ...(def.occupancy === undefined ? {} : { occupancy: def.occupancy }),
    });
  }
  const answered = new Set<string>();

  const mobile = (u: Unit) => !FIXED_TYPES.has(u.def.type);
  const kmhOf = (u: Unit) => SPEED_KMH[u.def.type] ?? 40;

  /** A spot 30–120 m from `p`, so units at one scene do not sit on one pixel. */
  function near(p: LngLat): LngLat {
    const m = o.rng.uniform(30, 120);
    const angle = o.rng.uniform(0, 2 * Math.PI);
    const dLat = (m * Math.cos(angle)) / 111_320;
    const dLng = (m * Math.sin(angle)) / (111_320 * Math.cos((p[1] * Math.PI) / 180));
    return [round6(p[0] + dLng), round6(p[1] + dLat)];
  }

  function publish(u: Unit, nowMs: number): void {
    const ts = Math.max(nowMs, u.lastTs + 1);
    u.lastTs = ts;
    const { def } = u;
    const moving = u.trip !== undefined && MOVING.has(u.status);
    const body: Record<string, unknown> = {
      id: def.id,
      ts: o.clock.ts(ts),
      crs: 'WGS84',
      type: def.type,
      name: def.name,
      status: u.status,
      location: { type: 'Point', coordinates: [...u.at] },
      ...(moving && u.heading !== undefined ? { heading: u.heading } : {}),
      ...(moving && u.trip ? { speed: Math.round(u.trip.kmh) } : {}),
      ...(u.inventory ? { inventory: u.inventory.map((l) => ({ ...l })) } : {}),
      ...(def.capacity === undefined ? {} : { capacity: def.capacity }),
      ...(u.occupancy === undefined ? {} : { occupancy: u.occupancy }),
      ...(def.members === undefined ? {} : { members: def.members }),
      ...(def.speciality === undefined ? {} : { speciality: def.speciality }),
      ...(def.phone === undefined ? {} : { phone: def.phone }),
    };
    u.last = body;
    o.emit({ agency: def.agency, kind: 'resource', body });
  }

  function position(u: Unit, nowMs: number, speed: number): Outgoing {
    const ts = Math.max(nowMs, u.positionTs + 1);
    u.positionTs = ts;
    return {
      agency: u.def.agency,
      kind: 'resource',
      telemetry: true,
      body: {
        id: u.def.id,
        ts: o.clock.ts(ts),
        crs: 'WGS84',
        location: { type: 'Point', coordinates: [...u.at] },
        ...(u.heading === undefined ? {} : { heading: u.heading }),
        speed,
      },
    };
  }

  function reply(agency: string, id: string, status: OrderReplyStatus, note: string, ms: number) {
    o.emit({ agency, kind: 'order', body: { id, ts: o.clock.ts(ms), status, note } });
  }

  /**
   * Sets off along the roads; `elapsedShare` starts the trip part-way (units already on their
   * way when the demo starts).
   */
  function startTrip(
    u: Unit,
    to: LngLat,
    nowMs: number,
    purpose: Trip['purpose'],
    extra: { orderId?: string; elapsedShare?: number } = {},
  ): void {
    const route = planRoute(u.at, to);
    const kmh = kmhOf(u);
    const fullMs = ((route.lengthKm / kmh) * 3_600_000) / o.speedFactor;
    const startMs = nowMs - fullMs * (extra.elapsedShare ?? 0);
    u.trip = {
      route,
      startMs,
      kmh,
      purpose,
      ...(extra.orderId === undefined ? {} : { orderId: extra.orderId }),
    };
    u.status = purpose === 'go' ? 'en_route' : 'returning';
    const here = pointAlong(route, travelledKm(u.trip, nowMs));
    u.at = here.at;
    u.heading = here.heading;
    publish(u, nowMs);
    o.emit(position(u, nowMs, Math.round(kmh)));
  }

  function travelledKm(trip: Trip, nowMs: number): number {
    return ((nowMs - trip.startMs) / 3_600_000) * trip.kmh * o.speedFactor;
  }

  function arrive(u: Unit, trip: Trip, nowMs: number): void {
    u.at = trip.route.points.at(-1) ?? u.at;
    delete u.trip;
    delete u.heading;
    u.status = trip.purpose === 'go' ? 'on_scene' : 'available';
    if (trip.purpose === 'return') delete u.incident;
    o.emit(position(u, nowMs, 0));
    publish(u, nowMs);
    if (trip.orderId !== undefined) {
      const note =
        trip.purpose === 'go' ? `${u.def.name}已到达现场` : `${u.def.name}已返回驻地待命`;
      reply(u.def.agency, trip.orderId, 'done', note, nowMs);
    }
  }

  function goHome(u: Unit, nowMs: number, orderId?: string): void {
    startTrip(u, u.def.station, nowMs, 'return', orderId === undefined ? {} : { orderId });
  }

  function isFree(u: Unit): boolean {
    return u.status === 'available' && u.trip === undefined && u.pending === 0;
  }

  function answerDispatch(u: Unit, notice: OrderNotice, ms: number): void {
    const { agency, name } = u.def;
    if (u.def.type === 'shelter') {
      reply(agency, notice.id, 'refused', `${name}为固定避难场所，不能调派；请组织群众前往`, ms);
      return;
    }
    if (u.def.type === 'material_depot') {
      reply(agency, notice.id, 'acknowledged', `${name}已接令，组织物资出库`, ms);
      o.agenda.at(ms + Math.round(o.rng.uniform(2_000, 4_000)), (t) => {
        for (const line of u.inventory ?? []) {
          line.quantity = Math.max(0, Math.floor(line.quantity * o.rng.uniform(0.85, 0.95)));
        }
        u.status = 'available';
        publish(u, t);
        reply(agency, notice.id, 'done', '应急物资已出库装车，配送车辆出发', t + 1);
      });
      return;
    }
    if (!isFree(u)) {
      reply(agency, notice.id, 'refused', `${name}正在执行其他任务，无法接令`, ms);
      // The product marked it dispatched; say again what it is really doing.
      publish(u, ms + 1);
      return;
    }
    // The order says where the incident is; an older command center only named it.
    const target =
      notice.incidentLocation?.coordinates ??
      (notice.incidentId === undefined ? undefined : o.locate(notice.incidentId));
    if (!target) {
      reply(
        agency,
        notice.id,
        'refused',
        `本单位未掌握事件 ${notice.incidentId ?? ''} 的位置，无法前往`,
        ms,
      );
      return;
    }
    reply(agency, notice.id, 'acknowledged', `${name}已出动`, ms);
    if (notice.incidentId !== undefined) u.incident = notice.incidentId;
    startTrip(u, near(target), ms + 1, 'go', { orderId: notice.id });
  }

  function answerRecall(u: Unit, notice: OrderNotice, ms: number): void {
    const { agency, name } = u.def;
    reply(agency, notice.id, 'acknowledged', `收到，${name}返回驻地`, ms);
    if (u.trip?.purpose === 'return') {
      u.trip.orderId = notice.id;
      return;
    }
    if (!mobile(u) || (u.status === 'available' && !u.trip)) {
      u.status = 'available';
      publish(u, ms + 1);
      reply(agency, notice.id, 'done', `${name}在驻地待命`, ms + 1);
      return;
    }
    delete u.incident;
    goHome(u, ms + 1, notice.id);
  }

  return {
    /** Publishes every unit's opening state (into `emit`). */
    openAll(nowMs: number): void {
      for (const u of units.values()) if (!u.last) publish(u, nowMs);
    },
    /** Puts a unit to work on an incident as the demo opens: there, on the way, or coming back. */
    deploy(
      key: string,
      incident: string,
      at: LngLat,
      status: 'en_route' | 'on_scene' | 'returning',
      nowMs: number,
    ) {
      const u = units.get(key);
      if (!u) throw new Error(`deployment of unknown resource ${key}`);
      if (status === 'on_scene') {
        u.at = near(at);
        u.status = 'on_scene';
        u.incident = incident;
        publish(u, nowMs);
      } else if (status === 'en_route') {
        u.incident = incident;
        startTrip(u, near(at), nowMs, 'go', { elapsedShare: o.rng.uniform(0.2, 0.6) });
      } else {
        u.at = near(at);
        startTrip(u, u.def.station, nowMs, 'return', { elapsedShare: o.rng.uniform(0.1, 0.5) });
      }
    },
    /** Sends the nearest free units an incident needs; returns their keys. */
    dispatchNearest(needs: readonly Need[], incident: string, at: LngLat, nowMs: number): string[] {
      const sent: string[] = [];
      for (const need of needs) {
        const free = [...units.values()]
          .filter((u) => u.def.agency === need.agency && u.def.type === need.type && isFree(u))
          .filter(mobile)
          .sort((a, b) => haversineKm(a.at, at) - haversineKm(b.at, at));
        for (const u of free.slice(0, need.count)) {
          u.incident = incident;
          startTrip(u, near(at), nowMs, 'go');
          sent.push(u.key);
        }
      }
      return sent;
    },
    /** Units working on an incident go home, one after another. */
    release(incident: string, nowMs: number): void {
      for (const u of units.values()) {
        if (u.incident !== incident || u.trip?.purpose === 'return') continue;
        o.agenda.at(nowMs + Math.round(o.rng.uniform(5_000, 90_000)), (t) => {
          if (u.incident !== incident || u.trip?.purpose === 'return' || u.pending > 0) return;
          goHome(u, t);
        });
      }
    },
    /** An order from the command center: the owning agency answers in 1–3 s, then acts. */
    receiveOrder(agency: string, notice: OrderNotice, nowMs: number): void {
      const orderKey = `${agency}:${notice.id}`;
      if (answered.has(orderKey)) return; // QoS 1: the same order may come twice
      answered.add(orderKey);
      const u = units.get(`${agency}:${notice.resourceId}`);
      if (u) {
        // The product stamped the unit `dispatched` no earlier than the order was sent.
        u.lastTs = Math.max(u.lastTs, Date.parse(notice.sentAt));
        u.pending += 1;
      }
      o.agenda.at(nowMs + Math.round(o.rng.uniform(1_000, 3_000)), (t) => {
        if (!u) {
          reply(agency, notice.id, 'refused', `本单位没有资源 ${notice.resourceId}`, t);
          return;
        }
        u.pending -= 1;
        if (notice.kind === 'dispatch') answerDispatch(u, notice, t);
        else answerRecall(u, notice, t);
      });
    },
    /** Moves every travelling unit to `nowMs`: position reports, arrivals. */
    move(nowMs: number): void {
      for (const u of units.values()) {
        const trip = u.trip;
        if (!trip) continue;
        const km = travelledKm(trip, nowMs);
        if (km >= trip.route.lengthKm) {
          arrive(u, trip, nowMs);
          continue;
        }
        if (nowMs - u.positionTs < o.positionEveryMs) continue;
        const here = pointAlong(trip.route, km);
        u.at = here.at;
        u.heading = here.heading;
        const speed = Math.max(5, Math.round(trip.kmh * o.rng.uniform(0.8, 1.15)));
        o.emit(position(u, nowMs, speed));
      }
    },
    /**
     * What an agency sends again after (re)connecting: each unit's last full message. Units with
     * an unanswered order are left out: the product already holds a newer state for them.
     * Positions are not repeated: a screen places a unit by a position only when it is newer
     * than the unit's message, and moving units report again within seconds.
     */
    snapshot(agency: string): Outgoing[] {
      const out: Outgoing[] = [];
      for (const u of units.values()) {
        if (u.def.agency !== agency || u.pending > 0 || !u.last) continue;
        out.push({ agency, kind: 'resource', body: u.last });
      }
      return out;
    },
    /** For tests: the current state of one unit. */
    inspect(key: string) {
      const u = units.get(key);
      return (
        u && { status: u.status, at: u.at, incident: u.incident, moving: u.trip !== undefined }
      );
    },
    keys: () => [...units.keys()],
  };
}
export type Fleet = ReturnType<typeof createFleet>;

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
