import { describe, expect, it } from 'vitest';
import {
  cameraCondition,
  redactUrl,
  redactUrls,
  wallTiles,
  type Camera,
  type CameraHealth,
} from '@cc/shared';
import { livePlaylist } from '../../demo/src/cameras/loop-server';
import { parseSegments } from '../../demo/src/cameras/clip';
import { backoffSeconds } from '../../client/src/cameras/backoff';

const camera = (id: string, lon: number, status: Camera['status'] = 'online'): Camera => ({
  id,
  agency: 'a',
  ts: 0,
  name: id,
  location: [lon, 32],
  status,
  streams: { hls: `http://v/${id}.m3u8` },
});
const health = (id: string, state: CameraHealth['state']): CameraHealth => ({
  id,
  agency: 'a',
  ts: 0,
  state,
});

describe('the wall’s camera tiles', () => {
  // 0.001° of longitude at 32° N is about 94 m.
  const cams = new Map(
    [
      camera('a:near', 120.001),
      camera('a:dead', 120.0005),
      camera('a:off', 120.0002, 'offline'),
      camera('a:mid', 120.01),
      camera('a:far', 120.1),
      camera('a:pin', 121),
    ].map((c) => [c.id, c]),
  );
  const found = new Map([['a:dead', health('a:dead', 'unreachable')]]);

  it('takes the pinned ones first, then the nearest working ones within the radius', () => {
    const tiles = wallTiles([120, 32], cams, found, { radiusKm: 2, tiles: 4, pinned: ['a:pin'] });
    expect(tiles.map((c) => c.id)).toEqual(['a:pin', 'a:near', 'a:mid']);
  });
  it('stops at the number of tiles, and shows only the pinned ones without a focus', () => {
    expect(
      wallTiles([120, 32], cams, found, { radiusKm: 20, tiles: 2, pinned: [] }).map((c) => c.id),
    ).toEqual(['a:near', 'a:mid']);
    expect(
      wallTiles(undefined, cams, found, { radiusKm: 2, tiles: 4, pinned: ['a:dead'] }).map(
        (c) => c.id,
      ),
    ).toEqual(['a:dead']);
  });
  it('lets the agency’s status win over the probe', () => {
    expect(cameraCondition(cams.get('a:off')!, health('a:off', 'unreachable'))).toBe('offline');
    expect(cameraCondition(cams.get('a:dead')!, found.get('a:dead'))).toBe('unreachable');
    expect(cameraCondition(cams.get('a:near')!, undefined)).toBe('working');
  });
});

describe('stream addresses in logs', () => {
  it('keep their path and lose query values and credentials', () => {
    expect(redactUrl('https://u:p@v.gov.cn/live/c1/index.m3u8?token=abc&x=1')).toBe(
      'https://***@v.gov.cn/live/c1/index.m3u8?token=***&x=***',
    );
    expect(redactUrls('{"hls":"rtsp://10.0.0.1/a?key=s3cret"}')).toBe(
      '{"hls":"rtsp://10.0.0.1/a?key=***"}',
    );
  });
});

describe('a stalled or failed stream is retried', () => {
  it('after 2, 4, 8 … seconds, never more than 60', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(backoffSeconds)).toEqual([2, 4, 8, 16, 32, 60, 60, 60]);
  });
});

describe('the demo’s looped live stream', () => {
  const clip = {
    dir: '/x',
    segments: parseSegments(
      '#EXTM3U\n#EXTINF:2.000000,\nseg000.ts\n#EXTINF:2.000000,\nseg001.ts\n#EXTINF:2.000000,\nseg002.ts\n#EXT-X-ENDLIST\n',
    ),
  };
  it('slides a window of segments on, with a discontinuity where the clip starts again', () => {
    expect(clip.segments.map((s) => s.file)).toEqual(['seg000.ts', 'seg001.ts', 'seg002.ts']);
    const at = (s: number) => livePlaylist(clip, s).split('\n');
    expect(at(0)).toContain('#EXT-X-MEDIA-SEQUENCE:0');
    const later = at(9);
    // 4 segments played: the window is 2, 3, 4 (files 2, 0, 1), the loop restarting at 3.
    expect(later).toContain('#EXT-X-MEDIA-SEQUENCE:2');
    expect(later.filter((l) => !l.startsWith('#') && l !== '')).toEqual([
      'seg002.ts?sn=2',
      'seg000.ts?sn=3',
      'seg001.ts?sn=4',
    ]);
    expect(later.indexOf('#EXT-X-DISCONTINUITY')).toBe(later.indexOf('seg000.ts?sn=3') - 2);
    expect(at(30)).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:4');
  });
});
