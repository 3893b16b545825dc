/**
 * V8 flags the server runs with; every launcher passes them (`npm start`, the benchmark,
 * docker-compose.yml, checked by its test). Semi-spaces of 64 MB: the server turns every
 * telemetry entry it tails into objects that live until the next 10 Hz frame is sent, long enough
 * to outlive a 16 MB young generation and be promoted. With the default, the bench's 10-minute
 * soak at 10,000 readings/s saw its RSS climb from 166 to about 320 MiB over the first 6 minutes
 * (V8 sizing the old generation to the promotion rate; the live heap after each full collection
 * stayed 44–49 MiB); with 64 MB it takes about 320 MiB in the first minute and holds there
 * (+27 MiB over the remaining 9).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
