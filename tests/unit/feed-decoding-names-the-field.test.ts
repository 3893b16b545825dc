import { describe, expect, it } from 'vitest';
import { HazardMessage, ReadingMessage } from '@cc/shared';
import { decodeJson, validate } from '../../ingest/src/feeds/decode';
import { toWgs84 } from '../../ingest/src/feeds/coords';
import { refusal } from '../helpers/refusal';

describe('feed decoding', () => {
  it('names the field that holds NaN or Infinity', () => {
    const e = refusal(() => decodeJson(Buffer.from('{"id":"a","value": -Infinity}'), 1000));
    expect([e.code, e.path]).toEqual(['feed.invalid', ['value']]);
  });
  it('refuses invalid UTF-8 and oversized payloads', () => {
    expect(refusal(() => decodeJson(Buffer.from([0x7b, 0xff, 0x7d]), 1000)).code).toBe(
      'feed.bad_json',
    );
    expect(refusal(() => decodeJson(Buffer.alloc(2000, 0x20), 1000)).code).toBe('feed.too_large');
  });
  it('reports the first offending field with its path', () => {
    const e = refusal(() => validate(ReadingMessage, { id: 'a', ts: 'yesterday', value: 1 }, [3]));
    expect(e.path).toEqual([3, 'ts']);
    expect(e.message).toMatch(/^3\.ts must be ISO 8601 with an offset/);
    const unknown = refusal(() =>
      validate(ReadingMessage, { id: 'a', ts: '2026-01-01T00:00:00Z', value: 1, hack: 1 }),
    );
    expect(unknown.path).toEqual(['hack']);
  });
  it('checks hazard thresholds are ordered', () => {
    const bad = {
      id: 'h',
      ts: '2026-01-01T00:00:00Z',
      name: 'n',
      enterprise: 'e',
      grade: 1,
      location: { type: 'Point', coordinates: [120, 31] },
      sensors: [{ id: 's', metric: 'level', unit: '%', thresholds: { high: 90, highHigh: 80 } }],
    };
    expect(refusal(() => validate(HazardMessage, bad)).path).toEqual(['sensors', 0, 'thresholds']);
  });
});

describe('coordinates', () => {
  it('converts GCJ-02 to WGS-84 (a few hundred metres in Changzhou)', () => {
    const [lng, lat] = toWgs84([119.9741, 31.8112], 'GCJ02', []);
    expect(lng).toBeCloseTo(119.9696, 3);
    expect(lat).toBeCloseTo(31.8131, 3);
  });
  it('refuses positions that are not on Earth', () => {
    expect(refusal(() => toWgs84([190, 31], 'WGS84', ['location'])).code).toBe('feed.out_of_range');
  });
});
