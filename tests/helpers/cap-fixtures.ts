/** CAP 1.2 alerts and JSON warnings as a meteorological service would publish them. */

export interface CapOptions {
  identifier: string;
  sent: string;
  msgType?: 'Alert' | 'Update' | 'Cancel';
  /** Earlier messages, as "sender,identifier,sent" triples. */
  references?: string;
  headline?: string;
  expires?: string;
  severity?: string;
  /** Value of the `预警信号` parameter; omitted when undefined. */
  signal?: string;
}

export const CAP_SENDER = 'czqxt@cma.gov.cn';

/** An `Actual` alert with an English and a Chinese info block, a polygon, a circle and a geocode. */
export function capAlert(o: CapOptions): string {
  const references = o.references ? `\n  <references>${o.references}</references>` : '';
  const signal =
    o.signal === undefined
      ? ''
      : `
    <parameter>
      <valueName>预警信号</valueName>
      <value>${o.signal}</value>
    </parameter>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${o.identifier}</identifier>
  <sender>${CAP_SENDER}</sender>
  <sent>${o.sent}</sent>
  <status>Actual</status>
  <msgType>${o.msgType ?? 'Alert'}</msgType>
  <scope>Public</scope>${references}
  <info>
    <language>en-US</language>
    <category>Met</category>
    <event>Rainstorm</event>
    <urgency>Expected</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <headline>Rainstorm orange warning</headline>
    <expires>${o.expires ?? new Date(Date.now() + 3_600_000).toISOString()}</expires>
    <area><areaDesc>Changzhou</areaDesc><geocode><valueName>GB/T 2260</valueName><value>320400</value></geocode></area>
  </info>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨</event>
    <urgency>Expected</urgency>
    <severity>${o.severity ?? 'Severe'}</severity>
    <certainty>Likely</certainty>
    <headline>${o.headline ?? '常州市气象台发布暴雨橙色预警信号'}</headline>
    <description>预计未来 6 小时内新北区、天宁区降雨量将达 50 毫米以上。</description>
    <instruction>停止户外作业，远离低洼地带 &amp; 河道。</instruction>
    <onset>${o.sent}</onset>
    <expires>${o.expires ?? new Date(Date.now() + 3_600_000).toISOString()}</expires>${signal}
    <area>
      <areaDesc>新北区沿江地区</areaDesc>
      <polygon>31.95,119.90 31.95,120.05 32.05,120.05 32.05,119.90 31.95,119.90</polygon>
      <circle>31.80,119.97 5</circle>
    </area>
    <area>
      <areaDesc>天宁区</areaDesc>
      <geocode>
        <valueName>GB/T 2260</valueName>
        <value>320402</value>
      </geocode>
    </area>
  </info>
</alert>
`;
}

/** A cancel without an info block, as CAP allows. */
export function capCancel(o: { identifier: string; sent: string; references: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${o.identifier}</identifier>
  <sender>${CAP_SENDER}</sender>
  <sent>${o.sent}</sent>
  <status>Actual</status>
  <msgType>Cancel</msgType>
  <scope>Public</scope>
  <references>${o.references}</references>
</alert>
`;
}

/** A JSON warning (`cc/v1/{agency}/warning`). */
export function jsonWarning(id: string, ts: string, expires: string) {
  return {
    id,
    ts,
    msgType: 'alert',
    event: '大风',
    signal: 'yellow',
    severity: 'moderate',
    urgency: 'expected',
    certainty: 'likely',
    headline: '常州市气象台发布大风黄色预警信号',
    description: '预计未来 2 小时内沿江地区将出现 8 级以上阵风。',
    expires,
    areas: [
      {
        description: '新北区',
        geocodes: ['320411'],
      },
      {
        description: '常州港码头',
        circle: { center: [119.99, 32.02], radiusKm: 3 },
      },
    ],
  };
}

/** CAP's time format: seconds, explicit +08:00 offset. */
export function capTime(ms: number): string {
  const local = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19);
  return `${local}+08:00`;
}

const LOL = Array.from(
  { length: 9 },
  (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
).join('\n');

/** XML each of which must be refused as `feed.bad_xml`, with what the reason must say. */
export const HOSTILE_XML: { what: string; xml: string; reason: RegExp }[] = [
  {
    what: 'a DOCTYPE',
    xml: `<?xml version="1.0"?>\n<!DOCTYPE alert>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>x</identifier></alert>`,
    reason: /DOCTYPE/,
  },
  {
    what: 'an external entity',
    xml: `<?xml version="1.0"?>\n<!DOCTYPE alert [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&xxe;</identifier></alert>`,
    reason: /external entities/,
  },
  {
    what: 'entity expansion (billion laughs)',
    xml: `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n  <!ENTITY lol0 "lol">\n${LOL}\n]>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol9;</identifier></alert>`,
    reason: /entity expansion/,
  },
  {
    what: 'deeply nested XML',
    xml: `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">${'<info>'.repeat(5_000)}${'</info>'.repeat(5_000)}</alert>`,
    reason: /nested deeper/,
  },
];

/** Jiangsu's provincial observatory, as its CAP messages name it (sender and senderName). */
export const PROVINCIAL_SENDER = '江苏省气象台';

/**
 * A provincial meteorological bureau's fog warning as the national early-warning release system
 * carries it: one zh-CN info block, an `eventCode`, the signal as a `预警信号` parameter, and one
 * area listing the cities' division codes (Changzhou's and two the product has no outline for).
 * `area: false` leaves the area out (valid CAP: an info block may have none).
 */
export function provincialFog(o: {
  identifier: string;
  sent: string;
  msgType: 'Alert' | 'Update' | 'Cancel';
  references?: string;
  colour: '黄色' | '橙色';
  expires: string;
  area?: boolean;
}): string {
  const references = o.references ? `\n  <references>${o.references}</references>` : '';
  const cancel = o.msgType === 'Cancel';
  const verb = cancel ? '解除' : o.msgType === 'Update' ? '升级' : '发布';
  const area =
    o.area === false
      ? ''
      : `
    <area>
      <areaDesc>常州市、无锡市、苏州市</areaDesc>
      <geocode><valueName>GB/T 2260</valueName><value>320400</value></geocode>
      <geocode><valueName>GB/T 2260</valueName><value>320200</value></geocode>
      <geocode><valueName>GB/T 2260</valueName><value>320500</value></geocode>
    </area>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>${o.identifier}</identifier>
  <sender>${PROVINCIAL_SENDER}</sender>
  <sent>${o.sent}</sent>
  <status>Actual</status>
  <msgType>${o.msgType}</msgType>
  <scope>Public</scope>${references}
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>大雾</event>
    <responseType>${cancel ? 'AllClear' : 'Prepare'}</responseType>
    <urgency>${cancel ? 'Past' : 'Future'}</urgency>
    <severity>${cancel ? 'Minor' : o.colour === '橙色' ? 'Severe' : 'Moderate'}</severity>
    <certainty>${cancel ? 'Observed' : 'Likely'}</certainty>
    <eventCode><valueName>国家预警信息发布中心事件类型</valueName><value>11B17</value></eventCode>
    <senderName>${PROVINCIAL_SENDER}</senderName>
    <headline>${PROVINCIAL_SENDER}${verb}大雾${o.colour}预警信号</headline>
    <description>${cancel ? '目前我省大雾已减弱消散，' + PROVINCIAL_SENDER + '解除大雾' + o.colour + '预警信号。' : '受辐射降温影响，预计今天上午常州、无锡、苏州等市将出现能见度低于500米的大雾，局部低于200米。'}</description>
    <instruction>驾驶人员注意雾的变化，小心驾驶；机场、高速公路、轮渡码头等采取措施，保障交通安全。</instruction>
    <expires>${o.expires}</expires>
    <parameter><valueName>预警信号</valueName><value>${o.colour}</value></parameter>${area}
  </info>
</alert>
`;
}
