import { Camera, CameraHealth, redactUrl } from '@cc/shared';
import { commit } from '@cc/shared/node';
import type { FeedContext } from '../feeds/context';
import { appendEvent, putJson } from '../store/ops';
import { probePlaylist, type ProbeFinding } from './probe-request';

/** JSON text, or undefined when it is not JSON (a stored entry gone bad is skipped, not fatal). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface CameraProbeOptions {
  ctx: FeedContext;
  /** A camera's playlist is fetched at most once per this many ms. */
  intervalMs: number;
  /** Probes in flight at once, at most. */
  concurrency: number;
  timeoutMs: number;
  /** Whether this worker probes the agency's cameras (its partition); absent: every agency's. */
  owns?: (agency: string) => boolean;
  /** The probe itself (tests put a counting one in). */
  probe?: (url: string, timeoutMs: number) => Promise<ProbeFinding>;
}

/**
 * The command center's own look at each camera: is its HLS playlist reachable? Invariant: at most
 * `concurrency` probes are in flight, and a camera (by id and playlist address) is probed at most
 * once per `intervalMs`, counted from the start of its previous probe. `pass()` (run by a
 * sweeper) reads the cameras and queues the due ones, longest-waiting first; each finished probe
 * starts the next queued one, so a pass never waits for the network. A finding is written (and
 * sent to the screens as a `camerahealth` event) only when it differs from the stored one.
 */
export function createCameraProbe(options: CameraProbeOptions) {
  const { ctx, intervalMs, concurrency, timeoutMs } = options;
  const probe = options.probe ?? probePlaylist;
  /** When each camera's current playlist was last probed (key: id and address). */
  const lastStarted = new Map<string, number>();
  const inFlight = new Set<string>();
  let queue: Camera[] = [];
  let closed = false;
  let running: Promise<void>[] = [];
  const keyOf = (c: Camera) => `${c.id}\n${c.streams?.hls ?? ''}`;

  async function record(camera: Camera, finding: ProbeFinding): Promise<void> {
    const { redis, keys } = ctx;
    const storedJson = await redis.hGet(keys.state('camerahealth'), camera.id);
    const stored = storedJson ? CameraHealth.safeParse(parseJson(storedJson)) : undefined;
    const before = stored?.success ? stored.data : undefined;
    const reason = finding.state === 'unreachable' ? finding.reason : undefined;
    if (before && before.state === finding.state && before.reason === reason) return;
    const data: CameraHealth = {
      id: camera.id,
      agency: camera.agency,
      ts: Math.max(ctx.now(), (before?.ts ?? 0) + 1),
      state: finding.state,
      ...(reason === undefined ? {} : { reason }),
    };
    // A camera removed meanwhile gets no finding.
    if (!(await redis.hExists(keys.state('camera'), camera.id))) return;
    await commit(redis, { obsKey: keys.obs('camerahealth'), id: camera.id, ts: data.ts }, [
      putJson(keys.state('camerahealth'), camera.id, data),
      appendEvent(ctx, { kind: 'camerahealth', op: 'upsert', data }),
    ]);
    const url = camera.streams?.hls;
    ctx.log.info(
      { camera: camera.id, state: data.state, reason, hls: url ? redactUrl(url) : undefined },
      'camera probe: finding changed',
    );
  }

  function startNext(): void {
    while (!closed && inFlight.size < concurrency) {
      const camera = queue.shift();
      if (!camera) return;
      const key = keyOf(camera);
      if (inFlight.has(key)) continue;
      const url = camera.streams?.hls;
      if (!url) continue;
      inFlight.add(key);
      lastStarted.set(key, ctx.now());
      const run = probe(url, timeoutMs)
        .then((finding) => record(camera, finding))
        .catch((err: unknown) => {
          // Redis down: the finding is lost, the next interval probes again.
          ctx.log.warn(
            { camera: camera.id, err: (err as Error).message },
            'camera probe not stored',
          );
        })
        .finally(() => {
          inFlight.delete(key);
          running = running.filter((r) => r !== run);
          startNext();
        });
      running.push(run);
    }
  }

  /** Reads the cameras, queues those due (never probed first, then longest waiting), starts probes. */
  async function pass(): Promise<void> {
    const hash = await ctx.redis.hGetAll(ctx.keys.state('camera'));
    const now = ctx.now();
    const due: Camera[] = [];
    const present = new Set<string>();
    for (const json of Object.values(hash)) {
      const parsed = Camera.safeParse(parseJson(json));
      if (!parsed.success) continue;
      const camera = parsed.data;
      // The agency's own word that the camera is off or being serviced is not for the probe to doubt.
      if (camera.status !== 'online' || !camera.streams) continue;
      if (options.owns && !options.owns(camera.agency)) continue;
      const key = keyOf(camera);
      present.add(key);
      const last = lastStarted.get(key);
      if (inFlight.has(key) || (last !== undefined && now - last < intervalMs)) continue;
      due.push(camera);
    }
    for (const key of lastStarted.keys()) if (!present.has(key)) lastStarted.delete(key);
    const waited = (c: Camera) => lastStarted.get(keyOf(c)) ?? -Infinity;
    queue = due.sort((a, b) => waited(a) - waited(b));
    startNext();
  }

  return {
    pass,
    /** Probes in flight now (for tests and metrics). */
    inFlight: () => inFlight.size,
    /** Stops starting probes and waits for those in flight. Idempotent. */
    async close(): Promise<void> {
      closed = true;
      queue = [];
      await Promise.all(running);
    },
  };
}
export type CameraProbe = ReturnType<typeof createCameraProbe>;
