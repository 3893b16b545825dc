import type { LngLat } from '@cc/shared';
import { WEATHER_AGENCY } from '../scenario/warnings';
import type { Agenda } from './agenda';
import type { Clock } from './clock';
import type { Outgoing } from './types';

/** The water bureau publishes the gauges. */
export const WATER_AGENCY = 'cz-water';

interface StationDef {
  agency: string;
  id: string;
  type: 'met' | 'rain' | 'river' | 'lake';
  name: string;
  at: LngLat;
  /** Gauges: water level at the start, warning and guaranteed levels (m, local datum). */
  level?: { start: number; warning: number; guaranteed: number; risePerHour: number };
}

/** Automatic weather stations and water-level gauges round the city (positions made up). */
export const DEMO_STATIONS: readonly StationDef[] = [
  {
    agency: WEATHER_AGENCY,
    id: 'AWS-58343',
    type: 'met',
    name: '常州国家基本气象站',
    at: [119.982, 31.797],
  },
  {
    agency: WEATHER_AGENCY,
    id: 'AWS-XB-01',
    type: 'met',
    name: '滨江化工园区自动气象站',
    at: [119.958, 32.021],
  },
  {
    agency: WEATHER_AGENCY,
    id: 'AWS-WJ-03',
    type: 'met',
    name: '武进湖塘自动气象站',
    at: [119.94, 31.7],
  },
  {
    agency: WEATHER_AGENCY,
    id: 'AWS-LY-02',
    type: 'met',
    name: '溧阳城区自动气象站',
    at: [119.484, 31.416],
  },
  {
    agency: WATER_AGENCY,
    id: 'GAUGE-YH-ZZ',
    type: 'river',
    name: '京杭运河钟楼闸水位站',
    at: [119.918, 31.776],
    level: { start: 4.05, warning: 4.3, guaranteed: 4.8, risePerHour: 0.12 },
  },
  {
    agency: WATER_AGENCY,
    id: 'GAUGE-GH-01',
    type: 'lake',
    name: '滆湖坊前水位站',
    at: [119.83, 31.62],
    level: { start: 3.72, warning: 3.9, guaranteed: 4.4, risePerHour: 0.05 },
  },
];

/** Stations report every minute. */
const EVERY_MS = 60_000;
/**
 * The rainstorm's wind: from the north-east, turning clockwise through east to south-east and
 * back over an hour (a front passing), 3–8 m/s.
 */
export function windAt(elapsedMs: number, index: number): { speed: number; direction: number } {
  const phase = (elapsedMs / 3_600_000) * 2 * Math.PI;
  return {
    direction: Math.round((90 + 45 * Math.sin(phase) + index * 7 + 360) % 360),
    speed: Math.round((5 + 2.5 * Math.sin(phase * 1.7 + index)) * 10) / 10,
  };
}

/** Gauges and weather stations, reporting each minute from when the demo opens. */
export function createStations(o: { agenda: Agenda; clock: Clock; emit: (out: Outgoing) => void }) {
  let startMs = 0;
  const last = new Map<string, Outgoing>();

  function report(def: StationDef, index: number, nowMs: number): void {
    const elapsed = nowMs - startMs;
    const hours = elapsed / 3_600_000;
    const body: Record<string, unknown> = {
      id: def.id,
      ts: o.clock.ts(nowMs),
      type: def.type,
      name: def.name,
      location: { type: 'Point', coordinates: def.at },
    };
    if (def.type === 'met') {
      body.wind = windAt(elapsed, index);
      body.temperature = Math.round((21 - index * 0.6 + Math.sin(hours) * 1.5) * 10) / 10;
      // The rainstorm: heavier in the first hours, an hourly rate the gale of rain peaks at.
      body.rain1h = Math.round(Math.max(0, 12 + 14 * Math.sin(hours * 1.3 + index)) * 10) / 10;
      body.rain24h = Math.round((45 + hours * 9 + index * 6) * 10) / 10;
    }
    if (def.level) {
      const { start, warning, guaranteed, risePerHour } = def.level;
      // Rises towards the warning level and a little past it, then eases back.
      const rise = risePerHour * 4 * Math.sin(Math.min(hours, 8) * (Math.PI / 8));
      body.waterLevel = Math.round((start + rise) * 100) / 100;
      body.warningLevel = warning;
      body.guaranteedLevel = guaranteed;
    }
    const out: Outgoing = { agency: def.agency, kind: 'weather', body };
    last.set(def.id, out);
    o.emit(out);
    o.agenda.at(nowMs + EVERY_MS, (t) => report(def, index, t));
  }

  return {
    start(nowMs: number): void {
      startMs = nowMs;
      DEMO_STATIONS.forEach((def, i) => report(def, i, nowMs));
    },
    /** The stations' latest observations (duplicates for ingest). */
    snapshot(agency: string): Outgoing[] {
      return [...last.values()].filter((m) => m.agency === agency);
    },
  };
}
