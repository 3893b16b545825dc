import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBasemapSource } from '@cc/shared';
import { createBasemapRouter } from '../../server/src/http/basemap';

describe('the BASEMAP setting', () => {
  it('reads empty, a .pmtiles file and a tile template', () => {
    expect(parseBasemapSource('')).toEqual({ kind: 'builtin' });
    expect(parseBasemapSource('/data/changzhou.pmtiles')).toEqual({
      kind: 'pmtiles',
      file: '/data/changzhou.pmtiles',
    });
    expect(parseBasemapSource('http://tiles.local/vec/{z}/{x}/{y}.png')).toEqual({
      kind: 'raster',
      template: 'http://tiles.local/vec/{z}/{x}/{y}.png',
    });
  });

  it('refuses anything else, naming the setting', () => {
    expect(() => parseBasemapSource('changzhou.mbtiles')).toThrow(/^BASEMAP: expected/);
    expect(() => parseBasemapSource('tiles.local/{z}/{x}/{y}.png')).toThrow(/^BASEMAP: a tile/);
  });

  it('stops the server when the archive is missing or not PMTiles v3', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cc-basemap-'));
    const fake = path.join(dir, 'fake.pmtiles');
    writeFileSync(fake, 'not an archive at all');
    const options = { crs: 'WGS84' as const, attribution: '' };
    expect(() =>
      createBasemapRouter({ ...options, basemap: path.join(dir, 'none.pmtiles') }),
    ).toThrow(/^BASEMAP: cannot read/);
    expect(() => createBasemapRouter({ ...options, basemap: fake })).toThrow(
      /is not a PMTiles version 3 archive/,
    );
  });
});
