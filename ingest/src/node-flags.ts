/**
 * V8 flags ingest runs with; every launcher passes them (`npm start`, the benchmark,
 * docker-compose.yml, checked by its test). Semi-spaces of 64 MB: the objects of a batch
 * (thousands of readings decoded, evaluated and encoded while the batch before is written) mostly
 * die before a scavenge instead of being copied and promoted. In bench/write-path.ts (one
 * reading per sensor per batch, as at 50,000 readings/s) scavenges took 4.2 µs per reading with
 * the default 16 MB and 2.0 with 64 MB, ingest's CPU per reading 15 % less. Fixed at that size
 * (minimum = maximum) rather than left for V8 to grow and shrink with the load, which moved RSS
 * by up to +69 MiB over a 10-minute soak: held from the start, about 280 MiB through the whole
 * soak (+6 MiB).
 */
export const INGEST_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=64',
  '--min-semi-space-size=64',
];
