import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Clip } from './clip';

/** Segments a live playlist lists at once. */
const WINDOW = 3;

/**
 * The live playlist of a clip played in a loop, `elapsedS` after the loop started: a sliding
 * window of segments whose media sequence keeps growing, a discontinuity wherever the clip starts
 * again. Pure.
 */
export function livePlaylist(clip: Clip, elapsedS: number): string {
  const n = clip.segments.length;
  const loopS = clip.segments.reduce((s, seg) => s + seg.seconds, 0);
  // Segments fully played since the start: whole loops, then the rest of this one.
  let done = Math.floor(elapsedS / loopS) * n;
  let rest = elapsedS % loopS;
  for (const seg of clip.segments) {
    if (rest < seg.seconds) break;
    rest -= seg.seconds;
    done++;
  }
  const first = Math.max(0, done - WINDOW + 1);
  const target = Math.ceil(Math.max(...clip.segments.map((s) => s.seconds)));
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${target}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    // Discontinuities before the window: one at every loop start after the first.
    `#EXT-X-DISCONTINUITY-SEQUENCE:${first === 0 ? 0 : Math.floor((first - 1) / n)}`,
  ];
  for (let sn = first; sn < first + WINDOW; sn++) {
    const seg = clip.segments[sn % n]!;
    if (sn > 0 && sn % n === 0) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXTINF:${seg.seconds.toFixed(3)},`, `${seg.file}?sn=${sn}`);
  }
  return `${lines.join('\n')}\n`;
}

export interface LoopServer {
  /** `http://127.0.0.1:{port}` */
  url: string;
  /** The live playlist of a camera: `{url}/live/{name}/index.m3u8`. */
  playlist: (name: string) => string;
  close: () => Promise<void>;
}

/**
 * Serves a clip as endless live HLS streams, one per camera name (each started when the server
 * started; they all show the same clip), with CORS so any screen's origin may play them. Stands in
 * for an agency's media server in the demo and the tests. Anything else: 404.
 */
export async function startLoopServer(
  clip: Clip,
  options: { port?: number; host?: string; now?: () => number } = {},
): Promise<LoopServer> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const files = new Set(clip.segments.map((s) => s.file));
  const server: Server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    const url = new URL(req.url ?? '/', 'http://x');
    const m = /^\/live\/[A-Za-z0-9._-]+\/(.+)$/.exec(url.pathname);
    if (!m || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    const name = m[1]!;
    if (name === 'index.m3u8') {
      res.writeHead(200, {
        'content-type': 'application/vnd.apple.mpegurl',
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : livePlaylist(clip, (now() - startedAt) / 1000));
      return;
    }
    if (!files.has(name)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'video/mp2t', 'cache-control': 'max-age=3600' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(path.join(clip.dir, name)).pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    playlist: (name) => `${base}/live/${name}/index.m3u8`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
