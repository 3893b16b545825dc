import Hls from 'hls.js';
import type { CameraStreams } from '@cc/shared';

/** Why a stream does not play: the browser cannot play HLS at all, or the stream failed. */
export type StreamFailure = 'unsupported' | 'network' | 'media' | 'whep';

export interface StreamHandlers {
  /** The stream cannot be played (now; a caller may try again later). */
  onFailure: (failure: StreamFailure) => void;
}

/** Detaches the stream from the video element and frees what it held. */
export type Detach = () => void;

/**
 * Plays a camera's HLS playlist in a video element: through hls.js wherever the browser has Media
 * Source Extensions (hls.js reports network and decoding failures that the browser's own HLS keeps
 * to itself), else with the browser's own HLS (iPhone Safari), else `unsupported`. A fatal error
 * is reported once; the caller decides whether to retry.
 */
export function attachHls(video: HTMLVideoElement, url: string, handlers: StreamHandlers): Detach {
  video.muted = true;
  video.playsInline = true;
  if (Hls.isSupported()) {
    const hls = new Hls({
      lowLatencyMode: true,
      // A camera tile must not hold minutes of video in memory.
      backBufferLength: 10,
      maxBufferLength: 10,
      manifestLoadingMaxRetry: 1,
      levelLoadingMaxRetry: 2,
      fragLoadingMaxRetry: 2,
    });
    let failed = false;
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal || failed) return;
      failed = true;
      handlers.onFailure(data.type === Hls.ErrorTypes.MEDIA_ERROR ? 'media' : 'network');
    });
    hls.on(Hls.Events.MANIFEST_PARSED, () => {
      void video.play().catch(() => undefined);
    });
    hls.loadSource(url);
    hls.attachMedia(video);
    return () => hls.destroy();
  }
  if (video.canPlayType('application/vnd.apple.mpegurl') !== '') {
    const onError = () => handlers.onFailure('network');
    video.addEventListener('error', onError);
    video.src = url;
    void video.play().catch(() => undefined);
    return () => {
      video.removeEventListener('error', onError);
      video.removeAttribute('src');
      video.load();
    };
  }
  handlers.onFailure('unsupported');
  return () => undefined;
}

/**
 * Plays a WHEP endpoint (RFC 9725) in a video element: one receive-only offer POSTed as SDP, the
 * answer applied. Resolves with a detach, or rejects when the endpoint or the browser refuses.
 */
export async function attachWhep(video: HTMLVideoElement, url: string): Promise<Detach> {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  const stream = new MediaStream();
  pc.ontrack = (e) => stream.addTrack(e.track);
  try {
    await pc.setLocalDescription(await pc.createOffer());
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/sdp' },
      body: pc.localDescription?.sdp ?? '',
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) throw new Error(`whep ${res.status}`);
    await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
  } catch (err) {
    pc.close();
    throw err;
  }
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  void video.play().catch(() => undefined);
  return () => {
    video.srcObject = null;
    pc.close();
  };
}

/**
 * Plays a camera: WebRTC (WHEP) first when the agency offers it and the browser has WebRTC, HLS
 * otherwise or when WHEP fails. Returns a detach that also cancels an attempt still under way.
 */
export function attachCamera(
  video: HTMLVideoElement,
  streams: CameraStreams,
  handlers: StreamHandlers,
): Detach {
  let detach: Detach | undefined;
  let cancelled = false;
  const hls = () => {
    if (!cancelled) detach = attachHls(video, streams.hls, handlers);
  };
  if (streams.whep && typeof RTCPeerConnection !== 'undefined') {
    attachWhep(video, streams.whep).then((d) => {
      if (cancelled) d();
      else detach = d;
    }, hls);
  } else hls();
  return () => {
    cancelled = true;
    detach?.();
  };
}
