/**
 * The Mosquitto settings the product depends on, each with why and what happens without it, and
 * the one renderer of mosquitto.conf: `npm run mosquitto:config` writes it for a deployment
 * (docker compose at every start), the tests' private brokers and the benchmark render it with
 * only their ports and paths changed, and deploy/mosquitto/mosquitto.conf is a copy a unit test
 * keeps identical.
 */
import { DYNSEC_FILE } from './files';

export interface BrokerSetting {
  key: string;
  value: string;
  /** Why the product needs it. */
  why: string;
  /** What happens with Mosquitto's default instead. */
  without: string;
}

/** Where a deployment's broker listens, keeps its data and finds its plugin and accounts. */
export interface BrokerSite {
  listeners: { host: string; port: number }[];
  /** persistence_location, with a trailing `/`. */
  dataDir: string;
  /** The directory of the generated accounts file, as the broker sees it. */
  authDir: string;
  /** Mosquitto's dynamic-security plugin. */
  plugin: string;
  logDest: string;
}

/** docker-compose.yml's broker (the eclipse-mosquitto:2 image). */
export const COMPOSE_SITE: BrokerSite = {
  listeners: [{ host: '0.0.0.0', port: 1883 }],
  dataDir: '/mosquitto/data/',
  authDir: '/mosquitto/auth',
  plugin: '/usr/lib/mosquitto_dynamic_security.so',
  logDest: 'stdout',
};

/** Settings of each listener (Mosquitto applies them to the listener line they follow). */
export const LISTENER_SETTINGS: readonly BrokerSetting[] = [
  {
    key: 'use_username_as_clientid',
    value: 'true',
    why: 'a client id is its account: no account can resume another account’s session',
    without:
      'an account connecting with ingest’s client id and clean session off takes over ingest’s ' +
      'session; Mosquitto 2.0.11 then discards the messages queued for ingest (the intruder ' +
      'may not read them) without a log line. It costs one connection per account: a second ' +
      'connection with the same account replaces the first',
  },
];

/** Settings of the whole broker. */
export const BROKER_SETTINGS: readonly BrokerSetting[] = [
  {
    key: 'allow_anonymous',
    value: 'false',
    why: 'every client logs in with an account of the agencies file',
    without: 'Mosquitto 2 refuses anonymous clients too; stated so nobody turns it on',
  },
  {
    key: 'persistence',
    value: 'true',
    why: 'retained hazards, ingest’s sessions, their subscriptions and queued QoS 1 messages survive a restart',
    without:
      'a broker restart forgets the sessions: what was queued for a worker is lost, and so is ' +
      'everything published before the worker subscribes again',
  },
  {
    key: 'autosave_interval',
    value: '30',
    why: 'the database is also written every 30 s, not only at a clean shutdown',
    without: 'a crash loses up to half an hour (1800 s) of queued messages and session changes',
  },
  {
    key: 'persistent_client_expiration',
    value: '7d',
    why: 'a worker’s session and queue outlive any maintenance window, then go',
    without: 'the session of a worker taken away for good is kept, and fed, for ever',
  },
  {
    key: 'max_queued_messages',
    value: '100000',
    why: 'a restarting or slow worker catches up on a burst',
    without:
      'past 1,000 queued messages Mosquitto drops QoS 1 messages for the worker, counted only ' +
      'in $SYS/broker/publish/messages/dropped (17–22 % of a 100,000-message burst, measured)',
  },
  {
    key: 'max_queued_bytes',
    value: '268435456',
    why: 'the same queue bounded in bytes (256 MiB per client), so large messages cannot exhaust memory',
    without: 'no bound in bytes: only the message count limits a queue',
  },
  {
    key: 'max_inflight_messages',
    value: '1000',
    why:
      'an MQTT 3.1.1 worker holds this many unacknowledged messages at most (it acknowledges ' +
      'once stored), so its batches reach INGEST_BATCH_MESSAGES; a v5 worker asks for its own ' +
      'window (Receive Maximum)',
    without:
      'windows of 20: batches of 20 messages, and ingest warns that its window is smaller ' +
      'than its batch',
  },
  {
    key: 'queue_qos0_messages',
    value: 'false',
    why: 'readings are telemetry (latest wins): QoS 0 is not queued for an offline worker',
    without: 'the default; stated because it is a choice',
  },
  {
    key: 'max_packet_size',
    value: '1048576',
    why: 'ingest refuses payloads over MAX_PAYLOAD_BYTES with a notice; this only stops absurd packets',
    without: 'packets up to 256 MiB are read into memory',
  },
  {
    key: 'set_tcp_nodelay',
    value: 'true',
    why: 'each packet leaves at once',
    without: 'a lone incident can wait up to 40 ms for the previous packet’s TCP acknowledgement',
  },
  {
    key: 'sys_interval',
    value: '10',
    why: '$SYS counters (publish/messages/dropped among them) every 10 s',
    without: 'the default, 10 s; stated because monitoring reads it',
  },
];

/** `text` as `#` comment lines of at most about 100 characters. */
function comment(text: string, width = 98): string {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(/\s+/)) {
    if (line !== '#' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

const block = (s: BrokerSetting) =>
  `${comment(`${s.why.charAt(0).toUpperCase()}${s.why.slice(1)}. Without it: ${s.without}.`)}\n${s.key} ${s.value}`;

/** mosquitto.conf for one site: the product's settings, then what is the site's own. */
export function renderBrokerConf(site: BrokerSite, extra: readonly string[] = []): string {
  return [
    '# Mosquitto 2 broker of the Changzhou command center. Generated by `npm run mosquitto:config`',
    '# from scripts/mosquitto-config/broker-conf.ts: change it there. docker compose writes it into',
    '# the mosquitto-auth volume at every start; deploy/mosquitto/mosquitto.conf is a copy.',
    '',
    '# --- Listeners ---------------------------------------------------------------------------',
    ...site.listeners.flatMap((l) => [
      `listener ${l.port} ${l.host}`,
      ...LISTENER_SETTINGS.map(block),
    ]),
    '',
    '# --- Accounts and topic permissions -------------------------------------------------------',
    '# Accounts, password hashes and ACL, generated from the agencies file. Mosquitto’s',
    '# dynamic-security plugin, not password_file + acl_file: its ACL tells publishing to a topic',
    '# from receiving it, so an agency reads its rejects and orders but cannot write them, and',
    '# writes anything else under its own subtree (an ACL denial is silent for MQTT 3.1.1;',
    '# ingest refuses what is not of the agency’s kinds, with a notice). Read at start only:',
    '# restart the broker after the agencies file changes.',
    `plugin ${site.plugin}`,
    `plugin_opt_config_file ${site.authDir}/${DYNSEC_FILE}`,
    '',
    '# --- What the product depends on -----------------------------------------------------------',
    ...BROKER_SETTINGS.map(block).flatMap((b, i) =>
      i === 1 ? [b, `persistence_location ${site.dataDir}`] : [b],
    ),
    '',
    '# --- Logging -------------------------------------------------------------------------------',
    '# Notice level names the client whose queue starts dropping messages ("Outgoing messages',
    '# are being dropped for client …"); $SYS/broker/publish/messages/dropped counts them.',
    `log_dest ${site.logDest}`,
    'log_type error',
    'log_type warning',
    'log_type notice',
    'log_type information',
    'connection_messages true',
    'log_timestamp_format %Y-%m-%dT%H:%M:%S',
    ...extra,
    '',
  ].join('\n');
}

/** The settings a rendered file holds, by key (the first value of each): for checks. */
export function settingsOf(conf: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of conf.split('\n')) {
    const m = /^(\w+)\s+(.*)$/.exec(line);
    if (m && !found.has(m[1]!)) found.set(m[1]!, m[2]!);
  }
  return found;
}
