import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

/** Kernel clock ticks per second, for /proc CPU times. */
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; fields after it are space-separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** Every live descendant of a process (children, their children…), from /proc. */
export function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone between the listing and the read.
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, pp] of parent) {
      if (pp !== p) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

/** Resident memory of a process in bytes; NaN once it is gone. */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? NaN : Number(kb) * 1024;
  } catch {
    return NaN;
  }
}

/** CPU of several processes between two marks, as % of one core. */
export function createCpuMeter(pids: () => Record<string, number>) {
  const take = () => {
    const at = performance.now();
    const cpu: Record<string, number> = {};
    for (const [name, pid] of Object.entries(pids())) cpu[name] = cpuSeconds(pid);
    return { at, cpu };
  };
  return {
    mark: take,
    since(mark: ReturnType<typeof take>): Record<string, number> {
      const now = take();
      const seconds = (now.at - mark.at) / 1000;
      const out: Record<string, number> = {};
      for (const [name, cpu] of Object.entries(now.cpu)) {
        const before = mark.cpu[name];
        if (before !== undefined) out[name] = Math.round(((cpu - before) / seconds) * 1000) / 10;
      }
      return out;
    },
  };
}

/** The load of the whole machine since boot, for the report's statement of conditions. */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

/**
 * A product process (`node --import tsx {entry}`) with its environment; stdout and stderr go to
 * `logFile`. Resolves once `ready` matches a line of its output.
 */
export async function startNodeProcess(options: {
  entry: string;
  env: Record<string, string>;
  logFile: string;
  ready: RegExp;
  timeoutMs?: number;
  /** Options for node itself (e.g. --cpu-prof). */
  nodeArgs?: string[];
}): Promise<ChildProcess> {
  const args = [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  await waitForOutput(child, options.ready, options.timeoutMs ?? 30_000, options.entry);
  return child;
}

/** Resolves when a line of the child's output matches; rejects if it exits first or times out. */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
  what: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => done(new Error(`${what}: not ready after ${timeoutMs} ms\n${seen.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) done();
    };
    const onExit = (code: number | null) =>
      done(new Error(`${what} exited (${code}) before it was ready\n${seen.slice(-2000)}`));
    function done(err?: Error) {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Ends exactly this child (SIGTERM, then SIGKILL after `graceMs`) and waits for it. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** A bench worker (generator, clients, relay) in its own process, called over IPC. */
export function forkWorker(entry: string, name: string) {
  const child = fork(path.join(ROOT, entry), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (raw) => {
    const reply = raw as Reply;
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.result);
    else p.reject(new Error(`${name}: ${reply.error}`));
  });
  child.once('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`${name} exited (${code})`));
    pending.clear();
  });
  return {
    name,
    child,
    get pid() {
      return child.pid ?? 0;
    },
    call<T>(cmd: string, args: object = {}, timeoutMs = 600_000): Promise<T> {
      const id = ++next;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}: ${cmd} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child.send({ id, cmd, args });
      });
    },
    stop: () => stopChild(child, 3_000),
  };
}
export type Worker = ReturnType<typeof forkWorker>;

/** The worker side: answers calls with the named handler; exits when the parent goes away. */
export function serveWorker(handlers: Record<string, (args: never) => Promise<unknown>>) {
  process.on('message', (raw) => {
    const { id, cmd, args } = raw as { id: number; cmd: string; args: never };
    const handler = handlers[cmd];
    const reply = (r: Reply) => process.send?.(r);
    if (!handler) return reply({ id, ok: false, error: `unknown command ${cmd}` });
    handler(args).then(
      (result) => reply({ id, ok: true, result }),
      (err: unknown) => reply({ id, ok: false, error: (err as Error).stack ?? String(err) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
