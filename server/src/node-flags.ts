/**
 * V8 flags the server runs with; every launcher passes them (`npm start`, the benchmark,
 * docker-compose.yml, checked by its test). Semi-spaces of 64 MB: the server turns every
 * telemetry entry it tails into objects that live until the next 10 Hz frame is sent, long enough
 * to outlive a 16 MB young generation and be promoted. With the default, the bench's 10-minute
 * soak at 10,000 readings/s saw its RSS climb from 166 to about 320 MiB over the first 6 minutes
 * (V8 sizing the old generation to the promotion rate; the live heap after each full collection
 * stayed 44–49 MiB). With only the maximum at 64 MB, V8 still grew and shrank the young
 * generation with the load, and RSS with it: +110 MiB between the first and the tenth minute of
 * one soak, −50 in another. Fixed at 64 MB (minimum = maximum), the server holds about 270 MiB
 * from the first minute to the last (−6 MiB over a soak; the heap V8 holds 176–196 MiB).
 */
export const SERVER_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=64',
  '--min-semi-space-size=64',
];
