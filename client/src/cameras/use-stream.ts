import { useEffect, useRef, useState, type RefObject } from 'react';
import type { CameraStreams } from '@cc/shared';
import { attachCamera, type StreamFailure } from './attach-stream';
import { backoffSeconds } from './backoff';

/**
 * How a stream is doing: `loading` until its picture moves, `playing` while it does, `stalled`
 * when it stopped moving (the last frame stays, with a mark), `failed` when it cannot be played
 * (`failure` says why). Stalled and failed streams are tried again after `retryInS`.
 */
export interface StreamState {
  status: 'loading' | 'playing' | 'stalled' | 'failed';
  failure?: StreamFailure;
  /** Seconds until the next attempt (stalled or failed). */
  retryInS?: number;
}

/** A picture that has not moved for this long is stalled. */
const STALL_AFTER_MS = 6_000;
/** A stream that has shown nothing after this long counts as failed. */
const START_WITHIN_MS = 20_000;

/**
 * Plays `streams` in the video element and watches it: a picture that stops moving is marked
 * stalled, its last frame kept on `frame` (a canvas under the video), and the stream is attached
 * again after a backoff; so is one that fails. Video never blocks the page: everything here runs
 * on timers and media events.
 */
export function useStream(
  video: RefObject<HTMLVideoElement | null>,
  frame: RefObject<HTMLCanvasElement | null>,
  streams: CameraStreams | undefined,
): StreamState {
  const [state, setState] = useState<StreamState>({ status: 'loading' });
  const hls = streams?.hls;
  const whep = streams?.whep;
  const attempt = useRef(0);
  useEffect(() => {
    const el = video.current;
    if (!el || hls === undefined) return undefined;
    const streamsNow: CameraStreams = whep === undefined ? { hls } : { hls, whep };
    let detach: (() => void) | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let lastTime = -1;
    let lastMoved = Date.now();
    let startedAt = Date.now();
    let playing = false;
    let waiting = false;

    const start = () => {
      waiting = false;
      playing = false;
      lastTime = -1;
      startedAt = Date.now();
      lastMoved = startedAt;
      setState((s) => (s.status === 'stalled' ? s : { status: 'loading' }));
      detach = attachCamera(el, streamsNow, { onFailure: (f) => giveUp('failed', f) });
    };
    const giveUp = (status: 'stalled' | 'failed', failure?: StreamFailure) => {
      if (waiting) return;
      waiting = true;
      detach?.();
      detach = undefined;
      attempt.current++;
      const retryInS = backoffSeconds(attempt.current);
      setState(failure ? { status, failure, retryInS } : { status, retryInS });
      if (failure === 'unsupported') return;
      retryTimer = setTimeout(start, retryInS * 1000);
    };
    const tick = setInterval(() => {
      if (waiting) return;
      const now = Date.now();
      if (el.currentTime !== lastTime && el.readyState >= 2) {
        lastTime = el.currentTime;
        lastMoved = now;
        if (!playing) {
          playing = true;
          attempt.current = 0;
          setState({ status: 'playing' });
        }
        // Keep the last frame: it stays on screen if the stream stalls.
        const canvas = frame.current;
        if (canvas && el.videoWidth > 0) {
          canvas.width = el.videoWidth;
          canvas.height = el.videoHeight;
          canvas.getContext('2d')?.drawImage(el, 0, 0);
        }
      } else if (playing && now - lastMoved > STALL_AFTER_MS) giveUp('stalled');
      else if (!playing && now - startedAt > START_WITHIN_MS) giveUp('failed', 'network');
    }, 1_000);
    start();
    return () => {
      clearInterval(tick);
      clearTimeout(retryTimer);
      detach?.();
    };
  }, [video, frame, hls, whep]);
  return state;
}
