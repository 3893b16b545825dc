import type { LngLat } from '@cc/shared';

/** The content of one CAP 1.2 alert, as the demo's weather bureau writes it. */
export interface CapAlert {
  identifier: string;
  sender: string;
  /** CAP times: RFC 3339 to the second with an offset. */
  sent: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  /** `sender,identifier,sent` of the message this one updates. */
  references?: string;
  infos: CapInfo[];
}

export interface CapInfo {
  language: string;
  event: string;
  urgency: string;
  severity: string;
  certainty: string;
  senderName: string;
  headline: string;
  description?: string;
  instruction?: string;
  onset: string;
  expires: string;
  /** `预警信号` parameter (e.g. 黄色); absent in the English block. */
  signal?: string;
  areas: { description: string; ring: readonly LngLat[] }[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);
const el = (name: string, value: string | undefined, pad: string) =>
  value === undefined ? '' : `\n${pad}<${name}>${esc(value)}</${name}>`;

/** CAP's `lat,lon` pairs, latitude first, separated by spaces. */
export function capPolygon(ring: readonly LngLat[]): string {
  return ring.map(([lng, lat]) => `${lat.toFixed(4)},${lng.toFixed(4)}`).join(' ');
}

function info(i: CapInfo): string {
  const p = '    ';
  const signal =
    i.signal === undefined
      ? ''
      : `\n${p}<parameter>\n${p}  <valueName>预警信号</valueName>\n${p}  <value>${esc(i.signal)}</value>\n${p}</parameter>`;
  const areas = i.areas
    .map(
      (a) =>
        `\n${p}<area>\n${p}  <areaDesc>${esc(a.description)}</areaDesc>\n${p}  <polygon>${capPolygon(a.ring)}</polygon>\n${p}</area>`,
    )
    .join('');
  return (
    `\n  <info>` +
    el('language', i.language, p) +
    el('category', 'Met', p) +
    el('event', i.event, p) +
    el('urgency', i.urgency, p) +
    el('severity', i.severity, p) +
    el('certainty', i.certainty, p) +
    el('senderName', i.senderName, p) +
    el('headline', i.headline, p) +
    el('description', i.description, p) +
    el('instruction', i.instruction, p) +
    el('onset', i.onset, p) +
    el('expires', i.expires, p) +
    signal +
    areas +
    `\n  </info>`
  );
}

/** A CAP 1.2 `<alert>` document (UTF-8, namespace urn:oasis:names:tc:emergency:cap:1.2). */
export function renderCap(a: CapAlert): string {
  const p = '  ';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">` +
    el('identifier', a.identifier, p) +
    el('sender', a.sender, p) +
    el('sent', a.sent, p) +
    el('status', 'Actual', p) +
    el('msgType', a.msgType, p) +
    el('scope', 'Public', p) +
    el('references', a.references, p) +
    a.infos.map(info).join('') +
    `\n</alert>\n`
  );
}
