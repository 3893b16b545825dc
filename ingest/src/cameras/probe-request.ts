/** What one probe of a playlist found: reachable, or why not (never the address itself). */
export type ProbeFinding = { state: 'reachable' } | { state: 'unreachable'; reason: string };

/** Why a fetch failed, in words that hold no address: `timeout`, `connection refused`... */
function failureReason(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string; name?: string } };
  if (e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError') return 'timeout';
  const code = e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET') return 'connection reset';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'host unreachable';
  if (typeof code === 'string' && /^(ERR_TLS|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code)) {
    return 'tls error';
  }
  return typeof code === 'string' ? code.toLowerCase() : 'request failed';
}

/**
 * The light probe: a HEAD of the HLS playlist (a GET whose body is dropped unread when the
 * platform refuses HEAD), bounded by `timeoutMs`. Fetches a few hundred bytes at most: the probe
 * never pulls video.
 */
export async function probePlaylist(url: string, timeoutMs: number): Promise<ProbeFinding> {
  try {
    let res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
    if (res.status === 405 || res.status === 501) {
      res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
    }
    return res.ok ? { state: 'reachable' } : { state: 'unreachable', reason: `http ${res.status}` };
  } catch (err) {
    return { state: 'unreachable', reason: failureReason(err) };
  }
}
