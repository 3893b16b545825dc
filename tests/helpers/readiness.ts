import type { Heartbeat, PipelineProblem } from '@cc/shared';
import type { Readiness } from '../../server/src/http/readiness';
import type { connectAs } from './live-client';

/** A server's `/readyz`: its status code and body. */
export async function readyz(server: { url: string }) {
  const res = await fetch(`${server.url}/readyz`);
  return { status: res.status, body: (await res.json()) as Readiness };
}

/** `/readyz` once it answers `status` with a problem of `code` (for `worker`, when given). */
export async function readyzProblem(
  server: { url: string },
  code: PipelineProblem['code'],
  worker?: string,
) {
  const r = await readyz(server);
  const problem = r.body.problems.find(
    (p) => p.code === code && (worker === undefined || ('worker' in p && p.worker === worker)),
  );
  return problem ? { ...r, problem } : undefined;
}

/** A server's `/metrics` text. */
export async function metricsOf(server: { url: string }): Promise<string> {
  return (await fetch(`${server.url}/metrics`)).text();
}

/** The value of one sample line of Prometheus text (`name{labels}`), or undefined. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Records the heartbeats a screen gets, with when they arrived. */
export function recordHeartbeats(screen: Awaited<ReturnType<typeof connectAs>>) {
  const beats: (Heartbeat & { receivedAt: number })[] = [];
  screen.socket.on('heartbeat', (beat) => beats.push({ ...beat, receivedAt: Date.now() }));
  return {
    beats,
    /** A heartbeat received since `since` whose pipeline has a problem of `code`. */
    saying(code: PipelineProblem['code'], since: number) {
      return beats.find(
        (b) => b.receivedAt >= since && b.pipeline?.problems.some((p) => p.code === code),
      );
    },
  };
}
