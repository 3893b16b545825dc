/**
 * Timed actions of the simulated world, run in time order (ties in the order they were planned)
 * when the clock passes them: the same plan and the same clock replay the same demo.
 */
export interface Agenda {
  at(ms: number, run: (nowMs: number) => void): void;
  /** Runs every action due by `nowMs`, including ones that due actions plan. */
  runDue(nowMs: number): void;
  size(): number;
}

export function createAgenda(): Agenda {
  const planned: { ms: number; seq: number; run: (nowMs: number) => void }[] = [];
  let seq = 0;
  return {
    at(ms, run) {
      planned.push({ ms, seq: seq++, run });
    },
    runDue(nowMs) {
      for (;;) {
        let next = -1;
        for (let i = 0; i < planned.length; i++) {
          const p = planned[i]!;
          if (p.ms > nowMs) continue;
          const best = planned[next];
          if (!best || p.ms < best.ms || (p.ms === best.ms && p.seq < best.seq)) next = i;
        }
        if (next < 0) return;
        const [due] = planned.splice(next, 1);
        // An action runs at its own time, so what it stamps is when it happened.
        due!.run(due!.ms);
      }
    },
    size: () => planned.length,
  };
}
