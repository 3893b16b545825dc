import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** One segment of a clip: its file name and duration in seconds. */
export interface ClipSegment {
  file: string;
  seconds: number;
}

export interface Clip {
  dir: string;
  segments: ClipSegment[];
}

/** Whether ffmpeg can be run (it makes the demo's and the tests' video). */
export async function hasFfmpeg(): Promise<boolean> {
  try {
    await run('ffmpeg', ['-hide_banner', '-version']);
    return true;
  } catch {
    return false;
  }
}

/** Reads the segments of an HLS VOD playlist. Pure. */
export function parseSegments(playlist: string): ClipSegment[] {
  const out: ClipSegment[] = [];
  let seconds: number | undefined;
  for (const line of playlist.split('\n').map((l) => l.trim())) {
    if (line.startsWith('#EXTINF:')) seconds = Number.parseFloat(line.slice(8));
    else if (line !== '' && !line.startsWith('#') && seconds !== undefined) {
      out.push({ file: line, seconds });
      seconds = undefined;
    }
  }
  return out;
}

/**
 * A short clip as HLS segments (H.264, 2 s each), made once with ffmpeg from one of its test
 * sources: `testsrc2` (a moving pattern and a running clock) by default. 12 s at 480×270 is well
 * under 1 MB. Kept in `dir`: made again only when its playlist is missing.
 */
export async function makeClip(dir: string, source = 'testsrc2', seconds = 12): Promise<Clip> {
  const playlist = path.join(dir, 'clip.m3u8');
  if (!existsSync(playlist)) {
    mkdirSync(dir, { recursive: true });
    await run(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        `${source}=size=480x270:rate=15:duration=${seconds}`,
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-profile:v',
        'baseline',
        '-pix_fmt',
        'yuv420p',
        '-b:v',
        '350k',
        '-g',
        '30',
        '-keyint_min',
        '30',
        '-sc_threshold',
        '0',
        '-f',
        'hls',
        '-hls_time',
        '2',
        '-hls_playlist_type',
        'vod',
        '-hls_segment_filename',
        path.join(dir, 'seg%03d.ts'),
        playlist,
      ],
      { timeout: 120_000 },
    );
  }
  return { dir, segments: parseSegments(readFileSync(playlist, 'utf8')) };
}
