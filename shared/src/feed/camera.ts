import { z } from 'zod';
import { Crs, LocalId, ObservedAt, PointGeometry } from './common';

/** What the agency says of its camera: working, switched off or broken, or being serviced. */
export const CameraStatus = z.enum(['online', 'offline', 'maintenance']);
export type CameraStatus = z.infer<typeof CameraStatus>;

/** An address on the agency's video platform (http or https; tokens may ride in the query). */
export const StreamUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname }).max(2000);

/**
 * Where the camera's video is: an HLS playlist, and optionally a WebRTC (WHEP) endpoint and a
 * still image. All on the agency's own platform: the command center never proxies or records.
 */
export const CameraStreams = z.strictObject({
  /** HLS playlist (`.m3u8`). */
  hls: StreamUrl,
  /** WebRTC-HTTP Egress Protocol endpoint (RFC 9725): lower latency where the platform offers it. */
  whep: StreamUrl.optional(),
  /** A still image (JPEG/PNG) refreshed by the platform. */
  still: StreamUrl.optional(),
});
export type CameraStreams = z.infer<typeof CameraStreams>;

/** `cc/v1/{agency}/camera`: a camera of the agency's (an event), with its streams and status. */
export const CameraMessage = z.strictObject({
  id: LocalId,
  ts: ObservedAt,
  crs: Crs.default('WGS84'),
  name: z.string().min(1).max(200),
  address: z.string().max(300).optional(),
  location: PointGeometry,
  /** Where it looks: degrees clockwise from north. */
  heading: z.number().min(0).lt(360).optional(),
  /** Horizontal field of view, degrees. */
  fov: z.number().gt(0).max(360).optional(),
  status: CameraStatus.default('online'),
  streams: CameraStreams,
});
export type CameraMessage = z.infer<typeof CameraMessage>;

/** Any address with a scheme (http, https, rtsp, rtmp…): a refused one may hold a token too. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\]+/gi;

/**
 * A stream address fit for a log line: credentials and every query value replaced by `***`
 * (platforms put access tokens there), the path kept so a person can tell which camera it is.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, '$1***@')
    .replace(/([?&;][^=&;#]*=)[^&;#]*/g, '$1***');
}

/** Text (a log line, a payload excerpt) with every address in it redacted. */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, redactUrl);
}
