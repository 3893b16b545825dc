import { z } from 'zod';
import { DEFAULT_TOPIC_ROOT } from '../feed/topics';

const port = z.coerce.number().int().min(0).max(65_535);
const positiveInt = z.coerce.number().int().positive();

/**
 * Every setting the processes read, from the environment, validated once at start-up.
 * Defaults suit one machine; docker-compose.yml sets the rest (and a test keeps the two in step).
 */
export const ConfigSchema = z.object({
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  /** Every key starts with it, so tests and tenants never collide. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/)
    .default('cc:'),
  MQTT_URL: z.url().default('mqtt://127.0.0.1:1883'),
  /**
   * `npm start` only, when MQTT_URL is not set: the port of the embedded broker. Unset: 1883, or
   * the fixed fallback 11883 when 1883 is taken; never another (npm start fails and says so).
   */
  MQTT_EMBEDDED_PORT: port.min(1).optional(),
  MQTT_USERNAME: z.string().optional(),
  MQTT_PASSWORD: z.string().optional(),
  /**
   * The agencies file (accounts, password hashes, roles; see deploy/agencies.yaml). Set: ingest
   * accepts only its agencies and the embedded broker authenticates and applies the topic ACL.
   * Empty: no authentication, anonymous clients allowed.
   */
  AGENCIES_FILE: z.string().default(''),
  /** 4 = MQTT 3.1.1 (works with every broker, including the embedded one); 5 = MQTT v5. */
  MQTT_PROTOCOL_VERSION: z.coerce
    .number()
    .pipe(z.union([z.literal(4), z.literal(5)]))
    .default(4),
  MQTT_TOPIC_ROOT: z
    .string()
    .regex(/^[^#+]+$/)
    .default(DEFAULT_TOPIC_ROOT),
  /**
   * Stable per worker: the broker keeps its session (and QoS 1 messages) across restarts. With
   * accounts it must be the worker's (MQTT_USERNAME, or MQTT_USERNAME.{suffix} on the embedded
   * broker): unset, it is MQTT_USERNAME, else `cc-ingest-1`.
   */
  INGEST_CLIENT_ID: z.string().min(1).default('cc-ingest-1'),
  /**
   * Several ingest workers: `k/N` makes this worker k of N, subscribed (plain persistent
   * subscriptions) to the agencies of the agencies file that hash to k; `k/N,k/M` to the union
   * while moving from N to M workers (docs/scaling.md); k > N owns none (a worker retiring).
   * Unset: one worker takes every agency.
   */
  INGEST_PARTITION: z
    .string()
    .regex(
      /^[1-9]\d{0,3}\/[1-9]\d{0,3}(,[1-9]\d{0,3}\/[1-9]\d{0,3})*$/,
      'k/N (worker k of N, from 1), or several joined by "," while the number of workers changes',
    )
    .optional(),
  MAX_PAYLOAD_BYTES: positiveInt.default(256 * 1024),
  /** Observation times further ahead of the clock than this are refused. */
  MAX_FUTURE_SKEW_S: positiveInt.default(300),
  /**
   * Observation times further behind the clock than this are refused, by kind (docs/feeds.md):
   * readings and positions (a gateway's backlog: 7 days), incidents, warnings and order answers
   * (30 days), registrations — hazards, places, risk areas, resources (10 years).
   */
  MAX_PAST_TELEMETRY_S: positiveInt.default(7 * 86_400),
  MAX_PAST_EVENT_S: positiveInt.default(30 * 86_400),
  MAX_PAST_REGISTRATION_S: positiveInt.default(3_650 * 86_400),
  /**
   * The service area, `west,south,east,north` in degrees (WGS-84): positions and areas outside it
   * are stored with a warning notice. The default is Changzhou's extent with about 25 km around.
   */
  SERVICE_AREA_BBOX: z
    .string()
    .regex(/^\s*-?[\d.]+\s*(,\s*-?[\d.]+\s*){3}$/, 'west,south,east,north in degrees')
    .default('118.9,30.9,120.4,32.3'),
  /** A GeoJSON (Multi)Polygon, Feature or FeatureCollection used as the service area instead. */
  SERVICE_AREA_FILE: z.string().default(''),
  EVENTS_MAXLEN: positiveInt.default(1_000_000),
  TELEMETRY_MAXLEN: positiveInt.default(200_000),
  REJECTS_MAXLEN: positiveInt.default(100_000),
  /** Points kept per sensor for charts. */
  SERIES_MAXLEN: positiveInt.default(1_000),
  /** How often ingest looks for expired warnings and silent sensors or feeds. */
  SWEEP_INTERVAL_MS: positiveInt.max(60_000).default(1_000),
  /** Raise offline alarms for sensors and feeds silent past three expected intervals. */
  OFFLINE_ALARMS: z.enum(['on', 'off']).default('on'),
  /** Probe cameras' HLS playlists (a HEAD each) and mark those that do not answer unreachable. */
  CAMERA_PROBE: z.enum(['on', 'off']).default('on'),
  /** A camera's playlist is probed at most once per this many seconds. */
  CAMERA_PROBE_INTERVAL_S: positiveInt.min(10).max(3_600).default(60),
  /** Probes in flight at once per ingest worker, at most. */
  CAMERA_PROBE_CONCURRENCY: positiveInt.max(64).default(8),
  /** How long one probe may take before the camera counts as unreachable (`timeout`). */
  CAMERA_PROBE_TIMEOUT_MS: positiveInt.min(100).max(60_000).default(5_000),
  /**
   * GB 18218 grading from live tank levels and the dynamic four-colour level, kept by ingest
   * (`off`: hazards keep their registered grade only; for benchmarks beside `on`).
   */
  RISK_ASSESSMENT: z.enum(['on', 'off']).default('on'),
  /** Seconds an order may stay unacknowledged before it raises an alarm. */
  ORDER_ACK_TIMEOUT_S: positiveInt.max(86_400).default(120),
  /** How often ingest looks for hidden hazards past their deadline (逾期). */
  HH_SWEEP_INTERVAL_MS: positiveInt.max(600_000).default(5_000),
  /** Where the server keeps hidden-hazard photos (never in Redis); created when missing. */
  PHOTOS_DIR: z.string().default('.data/photos'),
  /** The largest photo upload the server takes, bytes. */
  PHOTO_MAX_BYTES: positiveInt.max(100 * 1024 * 1024).default(5 * 1024 * 1024),
  /** Tip-offs (群众举报) one address may send per hour, and how many all callers together may. */
  TIPOFF_PER_ADDRESS_PER_HOUR: positiveInt.max(100_000).default(10),
  TIPOFF_PER_HOUR: positiveInt.max(1_000_000).default(500),
  /**
   * Reporting up the chain (信息报送): the deadlines the bureau sets, seconds from the moment an
   * incident reaches level I–II or is marked — first report, written report — and of each
   * follow-up from the last report sent (0: none asked for).
   */
  REPORT_FIRST_S: positiveInt.max(7 * 86_400).default(30 * 60),
  REPORT_WRITTEN_S: positiveInt.max(7 * 86_400).default(60 * 60),
  REPORT_FOLLOWUP_S: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .default(4 * 3_600),
  /** Feed messages an ingest worker stores together, at most (one batch of Redis writes). */
  INGEST_BATCH_MESSAGES: positiveInt.max(100_000).default(1_000),
  /**
   * Feed messages an ingest worker holds received but not yet stored; past it (or past
   * INGEST_QUEUE_BYTES of payload) it stops reading from the broker until it catches up.
   */
  INGEST_QUEUE_MESSAGES: positiveInt.max(10_000_000).default(20_000),
  INGEST_QUEUE_BYTES: positiveInt.default(64 * 1024 * 1024),
  /**
   * Port of ingest's own `/metrics` (Prometheus text: its queue, broker session and the broker's
   * counters, and the process's metrics), on HOST; 0: a free port the system picks (logged).
   */
  INGEST_METRICS_PORT: port.default(9464),
  /**
   * The archive's PostgreSQL (or Kingbase, Highgo…). The archiver writes it; `npm start` uses it
   * when it answers, else a private postgres under .data/, else an embedded PGlite (README).
   */
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/commandcenter'),
  /** The archiver's name in the `archiver` consumer group; stable, so it finds its own pending entries. */
  ARCHIVER_CONSUMER: z.string().min(1).default('archiver-1'),
  /** Telemetry for the record: each sensor's and vehicle's first value of every this many seconds. */
  ARCHIVE_SAMPLE_S: positiveInt.max(3_600).default(10),
  /** A checkpoint of the whole picture every this many seconds. */
  ARCHIVE_SNAPSHOT_S: positiveInt.max(86_400).default(600),
  HOST: z.string().default('0.0.0.0'),
  PORT: port.default(8080),
  /** Telemetry frames per second sent to each client. */
  TELEMETRY_HZ: z.coerce.number().min(0.2).max(60).default(10),
  /** Built client served by the server; empty to serve none. */
  CLIENT_DIST: z.string().default(''),
  /** The video wall's settings: duty roster, plan targets, auto-focus, staleness, grid (YAML). */
  WALL_FILE: z.string().default(''),
  /**
   * The road network (GeoJSON LineStrings with a road class or speed): travel times to incidents
   * are computed along it. Empty = none: straight-line estimates, marked as such.
   */
  ROADS_FILE: z.string().default(''),
  /**
   * Fire-rescue coverage: a grade-1/2 hazard source or an open level I–II incident the nearest
   * available fire engine needs longer than this to reach raises a coverage alarm, minutes.
   */
  COVERAGE_TARGET_MIN: z.coerce.number().min(0.5).max(120).default(5),
  /** Users and displays who may sign in (YAML); empty = nobody signs in and every screen is a viewer. */
  USERS_FILE: z.string().default(''),
  /** HMAC key for the tokens the server issues; at least 32 characters when USERS_FILE is set. */
  JWT_SECRET: z.string().default(''),
  /** How long a user's token lasts (a shift), seconds. */
  TOKEN_TTL_S: positiveInt.default(12 * 3600),
  /** How long a display's token lasts, seconds. */
  DISPLAY_TOKEN_TTL_S: positiveInt.default(30 * 24 * 3600),
  /**
   * Failed sign-ins an account may have (from everywhere, and from one address) before each
   * further failure makes it wait: 1 s, doubling, up to SIGNIN_MAX_BACKOFF_S.
   */
  SIGNIN_FREE_ATTEMPTS: positiveInt.max(1_000).default(5),
  /** The same for one address, whatever accounts it tries (a command hall may share one). */
  SIGNIN_ADDRESS_FREE_ATTEMPTS: positiveInt.max(100_000).default(30),
  /** The longest wait after a failed sign-in, seconds. */
  SIGNIN_MAX_BACKOFF_S: positiveInt.max(86_400).default(900),
  /**
   * Which proxies' X-Forwarded-For the server believes for a client's address (express's
   * `trust proxy`): empty = none (clients connect directly), a number = that many hops, or
   * addresses / subnets / `loopback`, `uniquelocal`, comma-separated.
   */
  TRUST_PROXY: z.string().default(''),
  /** How long a command waits for ingest's confirmation before answering `command.timeout`. */
  COMMAND_TIMEOUT_MS: positiveInt.max(120_000).default(5_000),
  /**
   * What the screens draw under the live layers: empty for the bundled basemap (no network), a
   * `.pmtiles` vector archive the server serves, or a raster tile URL template (see README).
   */
  BASEMAP: z.string().default(''),
  /** Datum of raster tiles: WGS84 or CGCS2000 (the same at map scales), or GCJ02. */
  BASEMAP_CRS: z.enum(['WGS84', 'CGCS2000', 'GCJ02']).default('WGS84'),
  /** Credit shown on the map for a deployment's basemap. */
  BASEMAP_ATTRIBUTION: z.string().default(''),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Reads and validates the configuration; throws one readable error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = ConfigSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  // A worker's client id is its account's unless set: the brokers bind client ids to accounts.
  if (known.INGEST_CLIENT_ID === undefined && parsed.data.MQTT_USERNAME) {
    return { ...parsed.data, INGEST_CLIENT_ID: parsed.data.MQTT_USERNAME };
  }
  return parsed.data;
}
