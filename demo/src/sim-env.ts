import { z } from 'zod';

/**
 * The simulator's own settings, read from the environment next to the shared ConfigSchema
 * (MQTT_URL, MQTT_TOPIC_ROOT, MQTT_PROTOCOL_VERSION, LOG_LEVEL). docker-compose.yml may set them.
 */
export const SimEnvSchema = z.object({
  /** Milliseconds between reading batches of each agency. */
  SIM_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  /** Seed of the random walk and the episodes: the same seed replays the same demo. */
  SIM_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(20_240_601),
  /** `off`: no alarm episodes on the sensors, and no serious (level II/I) incidents either. */
  SIM_EPISODES: z.enum(['on', 'off']).default('on'),
  /** Mean seconds between new everyday incidents (level IV/III); 0: none. */
  SIM_INCIDENT_EVERY_S: z.coerce.number().int().min(0).max(86_400).default(240),
  /** Mean seconds between serious incidents (level II/I, the wall focuses on them); 0: none. */
  SIM_SERIOUS_INCIDENT_EVERY_S: z.coerce.number().int().min(0).max(86_400).default(900),
});
export type SimEnv = z.infer<typeof SimEnvSchema>;

/** Names of the environment variables the simulator reads on top of ConfigSchema's. */
export const SIM_ENV_KEYS = Object.keys(SimEnvSchema.shape) as Array<keyof SimEnv>;

/** Reads and validates the simulator's settings; throws one readable error listing bad ones. */
export function loadSimEnv(env: Record<string, string | undefined> = process.env): SimEnv {
  const known = Object.fromEntries(
    SIM_ENV_KEYS.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]),
  );
  const parsed = SimEnvSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid simulator configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
