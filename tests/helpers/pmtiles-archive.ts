/**
 * Builds a small vector PMTiles archive at test time, from GeoJSON layers: each tile is cut with
 * @maplibre/geojson-vt (`geoJSONToTile`, clipped to the tile, 4096 extent), encoded as a Mapbox
 * Vector Tile with @maplibre/vt-pbf (`fromGeojsonVt`), and the tiles are written as a PMTiles
 * version 3 archive (header, root directory, metadata, tile data; no compression) following the
 * specification (github.com/protomaps/PMTiles, spec/v3/spec.md), tile ids from pmtiles'
 * `zxyToTileId`. No network, no native tool.
 */
import { writeFileSync } from 'node:fs';
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { zxyToTileId } from 'pmtiles';

export type LayerData = Record<string, GeoJSON.FeatureCollection>;

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

function varint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** The directory's entries, column by column, as the spec lays them out. */
function serializeDirectory(entries: Entry[]): Uint8Array {
  const out: number[] = [];
  varint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    varint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) varint(out, e.runLength);
  for (const e of entries) varint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    varint(out, prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Uint8Array.from(out);
}

const tileX = (lng: number, z: number) => Math.floor(((lng + 180) / 360) * 2 ** z);
function tileY(lat: number, z: number): number {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
}

export interface ArchiveOptions {
  /** West, south, east, north of the data. */
  bounds: [number, number, number, number];
  minZoom: number;
  maxZoom: number;
  /** Above zoom 11, tiles only over this smaller area (west, south, east, north), to stay small. */
  tilesWithin?: [number, number, number, number];
}

/** Writes the archive to `file`; returns how many tiles it holds. */
export function writeVectorArchive(file: string, layers: LayerData, options: ArchiveOptions) {
  const [west, south, east, north] = options.bounds;
  const tiles: { tileId: number; data: Uint8Array }[] = [];
  for (let z = options.minZoom; z <= options.maxZoom; z++) {
    const [w, s, e, n] = z > 11 && options.tilesWithin ? options.tilesWithin : options.bounds;
    for (let x = tileX(w, z); x <= tileX(e, z); x++) {
      for (let y = tileY(n, z); y <= tileY(s, z); y++) {
        const cut: Record<string, ReturnType<typeof geoJSONToTile>> = {};
        for (const [name, data] of Object.entries(layers)) {
          const tile = geoJSONToTile(data, z, x, y, { clip: true, extent: 4096, buffer: 64 });
          if (tile && tile.features.length > 0) cut[name] = tile;
        }
        if (Object.keys(cut).length === 0) continue;
        tiles.push({
          tileId: zxyToTileId(z, x, y),
          data: fromGeojsonVt(cut as Parameters<typeof fromGeojsonVt>[0], {
            version: 2,
            extent: 4096,
          }),
        });
      }
    }
  }
  tiles.sort((a, b) => a.tileId - b.tileId);
  const entries: Entry[] = [];
  let offset = 0;
  for (const t of tiles) {
    entries.push({ tileId: t.tileId, offset, length: t.data.length, runLength: 1 });
    offset += t.data.length;
  }
  const directory = serializeDirectory(entries);
  const metadata = new TextEncoder().encode(
    JSON.stringify({
      name: 'test archive',
      vector_layers: Object.keys(layers).map((id) => ({ id, fields: {} })),
    }),
  );
  const HEADER = 127;
  const header = Buffer.alloc(HEADER);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  const dirOffset = HEADER;
  const metaOffset = dirOffset + directory.length;
  const dataOffset = metaOffset + metadata.length;
  u64(8, dirOffset);
  u64(16, directory.length);
  u64(24, metaOffset);
  u64(32, metadata.length);
  u64(40, dataOffset); // no leaf directories
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, offset);
  u64(72, tiles.length);
  u64(80, entries.length);
  u64(88, tiles.length);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(1, 99); // tile type: MVT
  header.writeUInt8(options.minZoom, 100);
  header.writeUInt8(options.maxZoom, 101);
  const e7 = (v: number) => Math.round(v * 1e7);
  header.writeInt32LE(e7(west), 102);
  header.writeInt32LE(e7(south), 106);
  header.writeInt32LE(e7(east), 110);
  header.writeInt32LE(e7(north), 114);
  header.writeUInt8(options.minZoom, 118);
  header.writeInt32LE(e7((west + east) / 2), 119);
  header.writeInt32LE(e7((south + north) / 2), 123);
  writeFileSync(
    file,
    Buffer.concat([header, directory, metadata, ...tiles.map((t) => Buffer.from(t.data))]),
  );
  return tiles.length;
}
