/**
 * A latency histogram that takes millions of samples in constant memory: 0.1 ms bins up to
 * 100 ms, 1 ms bins up to 10 s, 100 ms bins up to 10 min. Percentiles are read at the upper edge
 * of their bin, so they never flatter.
 */
const FINE_MS = 100;
const MID_MS = 10_000;
const COARSE_MS = 600_000;
const FINE_BINS = FINE_MS * 10;
const MID_BINS = MID_MS - FINE_MS;
const COARSE_BINS = (COARSE_MS - MID_MS) / 100;

/** Sparse, for IPC and JSON: [bin, count] of each non-empty bin. */
export interface HistogramData {
  bins: [number, number][];
  n: number;
  max: number;
}

function binOf(ms: number): number {
  if (ms < FINE_MS) return Math.max(0, Math.floor(ms * 10));
  if (ms < MID_MS) return FINE_BINS + Math.floor(ms - FINE_MS);
  return Math.min(
    FINE_BINS + MID_BINS + COARSE_BINS - 1,
    FINE_BINS + MID_BINS + Math.floor((ms - MID_MS) / 100),
  );
}

function upperEdge(bin: number): number {
  if (bin < FINE_BINS) return (bin + 1) / 10;
  if (bin < FINE_BINS + MID_BINS) return FINE_MS + (bin - FINE_BINS) + 1;
  return MID_MS + (bin - FINE_BINS - MID_BINS + 1) * 100;
}

export function createHistogram(data?: HistogramData) {
  const counts = new Float64Array(FINE_BINS + MID_BINS + COARSE_BINS);
  let n = 0;
  let max = 0;
  const histogram = {
    /** Adds `weight` samples of `ms`. */
    add(ms: number, weight = 1) {
      counts[binOf(ms)]! += weight;
      n += weight;
      if (ms > max) max = ms;
    },
    merge(other: HistogramData) {
      for (const [bin, c] of other.bins) counts[bin]! += c;
      n += other.n;
      max = Math.max(max, other.max);
    },
    get count() {
      return n;
    },
    /** The `p`-th percentile in ms (NaN when empty). */
    percentile(p: number): number {
      if (n === 0) return NaN;
      const rank = (p / 100) * n;
      let seen = 0;
      for (let i = 0; i < counts.length; i++) {
        seen += counts[i]!;
        if (seen >= rank && counts[i]! > 0) return Math.min(upperEdge(i), max);
      }
      return max;
    },
    toJSON(): HistogramData {
      const bins: [number, number][] = [];
      counts.forEach((c, i) => c > 0 && bins.push([i, c]));
      return { bins, n, max };
    },
    reset() {
      counts.fill(0);
      n = 0;
      max = 0;
    },
  };
  if (data) histogram.merge(data);
  return histogram;
}
export type Histogram = ReturnType<typeof createHistogram>;

/** p50 / p95 / p99 and the maximum of a histogram, in ms. */
export function summarize(h: Histogram) {
  return {
    n: h.count,
    p50: h.percentile(50),
    p95: h.percentile(95),
    p99: h.percentile(99),
    max: h.percentile(100),
  };
}
export type LatencySummary = ReturnType<typeof summarize>;
