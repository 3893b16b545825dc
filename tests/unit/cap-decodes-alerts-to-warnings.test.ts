import { describe, expect, it } from 'vitest';
import { FeedError, WarningMessage } from '@cc/shared';
import { decodeCap, isXml } from '../../ingest/src/feeds/cap';
import { capAlert, capCancel, capTime, provincialFog } from '../helpers/cap-fixtures';

const MAX = 256 * 1024;
const now = Date.now();
const decode = (xml: string) => decodeCap(Buffer.from(xml), MAX);

function refused(xml: string): FeedError {
  try {
    decode(xml);
  } catch (err) {
    if (err instanceof FeedError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('CAP 1.2 decoding', () => {
  it('recognizes XML by its first non-whitespace byte', () => {
    expect(isXml(Buffer.from('  \n<alert/>'))).toBe(true);
    expect(isXml(Buffer.from('\ufeff<alert/>'))).toBe(true);
    expect(isXml(Buffer.from('{"id":"x"}'))).toBe(false);
    expect(isXml(Buffer.from(''))).toBe(false);
  });

  it('maps an alert to a valid WarningMessage: zh-CN info, lat,lon swapped, entities decoded', () => {
    const msg = WarningMessage.parse(
      decode(capAlert({ identifier: 'W-1', sent: capTime(now), signal: '橙色' })),
    );
    expect(msg).toMatchObject({
      id: 'W-1',
      msgType: 'alert',
      event: '暴雨',
      signal: 'orange',
      severity: 'severe',
      certainty: 'likely',
      headline: '常州市气象台发布暴雨橙色预警信号',
      instruction: '停止户外作业，远离低洼地带 & 河道。',
    });
    const [coast, tianning] = msg.areas!;
    expect(coast!.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [119.9, 31.95],
          [120.05, 31.95],
          [120.05, 32.05],
          [119.9, 32.05],
          [119.9, 31.95],
        ],
      ],
    });
    expect(coast!.circle).toEqual({ center: [119.97, 31.8], radiusKm: 5 });
    expect(tianning!.geocodes).toEqual(['320402']);
  });

  it('reads a cancel as the warning it ends, and leaves an absent area out', () => {
    const expires = capTime(now + 3_600_000);
    const cancel = provincialFog({
      ...{ identifier: 'JS-3', sent: capTime(now), msgType: 'Cancel', colour: '橙色', expires },
      ...{ references: '江苏省气象台,JS-2,2026-12-07T10:30:00+08:00', area: false },
    });
    expect(decode(cancel)).toEqual({
      id: 'JS-3',
      ts: capTime(now),
      crs: 'WGS84',
      msgType: 'cancel',
      references: ['JS-2'],
    });
    const update = provincialFog({
      ...{ identifier: 'JS-2', sent: capTime(now), msgType: 'Update', colour: '橙色', expires },
      area: false,
    });
    expect(decode(update)).not.toHaveProperty('areas');
    expect(WarningMessage.parse(decode(update))).toMatchObject({
      msgType: 'update',
      signal: 'orange',
    });
  });

  it('derives the signal from the severity when no parameter names it', () => {
    const msg = decode(capAlert({ identifier: 'W-2', sent: capTime(now), severity: 'Extreme' }));
    expect(msg).toMatchObject({ signal: 'red', severity: 'extreme' });
  });

  it('reads references as the identifiers of sender,identifier,sent triples', () => {
    const msg = decode(
      capCancel({
        identifier: 'W-3',
        sent: capTime(now),
        references: `a@b,W-1,${capTime(now - 1000)} a@b,W-2,${capTime(now - 500)}`,
      }),
    );
    expect(msg).toEqual({
      id: 'W-3',
      ts: capTime(now),
      crs: 'WGS84',
      msgType: 'cancel',
      references: ['W-1', 'W-2'],
    });
  });

  it('refuses a malformed triple, a non-Actual status and a root other than alert', () => {
    const bad = refused(capCancel({ identifier: 'W', sent: capTime(now), references: 'W-1' }));
    expect(bad).toMatchObject({ code: 'feed.invalid', path: ['references', 0] });
    const test = capAlert({ identifier: 'W', sent: capTime(now) }).replace('Actual', 'Test');
    expect(refused(test)).toMatchObject({ code: 'feed.invalid', path: ['status'] });
    expect(refused('<feed><entry/></feed>')).toMatchObject({ path: ['alert'] });
  });

  it('leaves field errors to the schema, which names the path', () => {
    const xml = capAlert({ identifier: 'W', sent: capTime(now) }).replace(
      '31.95,119.90 31.95,120.05',
      '31.95,abc 31.95,120.05',
    );
    const result = WarningMessage.safeParse(decode(xml));
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['areas', 0, 'geometry', 'coordinates', 0, 0, 0]);
  });

  it('refuses XML that is not well-formed', () => {
    expect(refused('<alert><identifier>x</alert>')).toMatchObject({ code: 'feed.bad_xml' });
  });
});
