import type { LngLat } from '@cc/shared';
import {
  CAP_SENDER,
  WEATHER_AGENCY,
  WEATHER_SENDER_NAME,
  type WarningDef,
} from '../scenario/warnings';
import type { Agenda } from './agenda';
import { renderCap, type CapInfo } from './cap';
import type { Clock } from './clock';
import { districtOutline } from './outlines';
import type { Outgoing } from './types';

interface InForce {
  def: WarningDef;
  areas: { description: string; ring: readonly LngLat[] }[];
  onsetMs: number;
  issues: number;
  /** Identifier and sent time of the last message: an update references it. */
  identifier: string;
  sent: string;
  last: string;
}

/**
 * The weather bureau: its warnings are issued as CAP 1.2 alerts when the demo opens and
 * re-issued as updates (new expiry) when three quarters of their validity have passed, so they
 * stay in force for as long as the demo runs.
 */
export function createWeather(
  defs: readonly WarningDef[],
  o: { agenda: Agenda; clock: Clock; emit: (out: Outgoing) => void },
) {
  const inForce: InForce[] = [];

  function issue(w: InForce, nowMs: number): void {
    const { def } = w;
    const first = w.issues === 0;
    const identifier = first ? `CZQXT-${def.code}` : `CZQXT-${def.code}-U${w.issues}`;
    const sent = o.clock.capTime(nowMs);
    const expires = o.clock.capTime(nowMs + def.validForMs);
    const onset = o.clock.capTime(w.onsetMs);
    const common = {
      urgency: def.urgency,
      severity: def.severity,
      certainty: def.certainty,
      onset,
      expires,
      areas: w.areas,
    };
    const zh: CapInfo = {
      ...common,
      language: 'zh-CN',
      event: def.event.zh,
      senderName: WEATHER_SENDER_NAME,
      headline: first ? def.headline.zh : def.headline.zh.replace('发布', '更新'),
      description: def.description,
      instruction: def.instruction,
      signal: def.signal,
    };
    const en: CapInfo = {
      ...common,
      language: 'en-US',
      event: def.event.en,
      senderName: 'Changzhou Meteorological Observatory',
      headline: first ? def.headline.en : def.headline.en.replace('issues', 'updates'),
    };
    const xml = renderCap({
      identifier,
      sender: CAP_SENDER,
      sent,
      msgType: first ? 'Alert' : 'Update',
      ...(first ? {} : { references: `${CAP_SENDER},${w.identifier},${w.sent}` }),
      infos: [zh, en],
    });
    w.issues += 1;
    w.identifier = identifier;
    w.sent = sent;
    w.last = xml;
    o.emit({ agency: WEATHER_AGENCY, kind: 'warning', body: xml });
    o.agenda.at(nowMs + Math.round(def.validForMs * 0.75), (t) => issue(w, t));
  }

  return {
    start(nowMs: number): void {
      for (const def of defs) {
        const areas = def.districts.map((code) => {
          const { name, ring } = districtOutline(code);
          return { description: name, ring };
        });
        const w: InForce = {
          def,
          areas,
          onsetMs: nowMs,
          issues: 0,
          identifier: '',
          sent: '',
          last: '',
        };
        inForce.push(w);
        issue(w, nowMs);
      }
    },
    /** The warnings' latest messages (the same `sent`: duplicates for ingest). */
    snapshot(agency: string): Outgoing[] {
      if (agency !== WEATHER_AGENCY) return [];
      return inForce.map((w) => ({ agency, kind: 'warning' as const, body: w.last }));
    },
  };
}
