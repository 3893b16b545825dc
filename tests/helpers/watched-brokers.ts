import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { startEmbeddedBroker } from '../../ingest/src/broker/embedded';
import { freePort } from '../../scripts/start/ports';
import { waitFor } from './wait';

/** A broker of the test's own that it can stop, and make drop messages. */
export interface WatchedBroker {
  url: string;
  /** Stops the broker (it stays stopped). */
  stop(): Promise<void>;
  /** Makes the broker drop messages, the way each broker does, on topics under `root`. */
  dropSome(root: string): Promise<void>;
}

export interface WatchedBrokerUnderTest {
  name: string;
  start(): Promise<WatchedBroker>;
}

/** Mosquitto's queue for one offline session: past it, QoS 1 messages are dropped. */
const MOSQUITTO_QUEUE = 10;

/** An anonymous Mosquitto on a free port: `$SYS` every second, a short offline queue. */
async function startWatchedMosquitto(): Promise<WatchedBroker> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-watched-mosquitto-'));
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence false',
      'sys_interval 1',
      `max_queued_messages ${MOSQUITTO_QUEUE}`,
      'log_dest stderr',
      'log_type error',
      // Started as root, mosquitto would switch to its own user.
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      '',
    ].join('\n'),
  );
  let output = '';
  const child: ChildProcess = spawn('mosquitto', ['-c', conf], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `mqtt://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (child.exitCode !== null) throw new Error(`mosquitto exited: ${output}`);
    const c = await mqtt
      .connectAsync(url, { reconnectPeriod: 0, connectTimeout: 500 })
      .catch(() => undefined);
    await c?.endAsync();
    return c !== undefined;
  }, `mosquitto on ${port}`);
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
    async dropSome(root) {
      // A persistent session that goes away: Mosquitto queues its QoS 1 messages up to its
      // bound, and drops the rest.
      const away = await mqtt.connectAsync(url, { clientId: `${root}-away`, clean: false });
      await away.subscribeAsync(`${root}/#`, { qos: 1 });
      await away.endAsync();
      const pub = await mqtt.connectAsync(url, { clientId: `${root}-pub` });
      for (let i = 0; i < MOSQUITTO_QUEUE * 3; i++) {
        await pub.publishAsync(`${root}/x`, String(i), { qos: 1 });
      }
      await pub.endAsync();
    },
  };
}

/** An MQTT 3.1.1 CONNECT or SUBSCRIBE packet, by hand: the socket must stay ours to pause. */
function packet(type: number, body: Buffer): Buffer {
  const length: number[] = [];
  let n = body.length;
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    length.push(byte);
  } while (n > 0);
  return Buffer.concat([Buffer.from([type, ...length]), body]);
}
const str = (s: string) => {
  const b = Buffer.from(s);
  return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
};

/** A QoS 0 subscriber that never reads: the broker's writes to it back up. */
async function stalledSubscriber(port: number, clientId: string, filter: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => {});
  socket.write(
    packet(0x10, Buffer.concat([str('MQTT'), Buffer.from([4, 2, 0, 0]), str(clientId)])),
  );
  socket.write(packet(0x82, Buffer.concat([Buffer.from([0, 1]), str(filter), Buffer.from([0])])));
  // Let CONNACK and SUBACK arrive, then stop reading.
  await new Promise((r) => setTimeout(r, 200));
  socket.pause();
  return socket;
}

/** The embedded broker: `$SYS` every second, a slow subscriber dropped after 300 ms. */
async function startWatchedAedes(): Promise<WatchedBroker> {
  const broker = await startEmbeddedBroker(0, '127.0.0.1', {
    sysIntervalMs: 1_000,
    drainTimeoutMs: 300,
  });
  const url = `mqtt://127.0.0.1:${broker.port}`;
  return {
    url,
    stop: () => broker.close(),
    async dropSome(root) {
      // Aedes queues nothing: it writes to the subscriber's socket until the socket is full,
      // then drops the subscriber and what it still had to write once drainTimeout passes.
      const stalled = await stalledSubscriber(broker.port, `${root}-stalled`, `${root}/#`);
      const pub = await mqtt.connectAsync(url, { clientId: `${root}-pub` });
      const payload = Buffer.alloc(64 * 1024, 'x');
      for (let i = 0; i < 400 && !stalled.destroyed; i++) {
        await pub.publishAsync(`${root}/x`, payload, { qos: 0 });
      }
      await pub.endAsync();
      stalled.destroy();
    },
  };
}

/** Both brokers, each the test's own, with their counters every second. */
export const WATCHED_BROKERS: WatchedBrokerUnderTest[] = [
  { name: 'embedded Aedes', start: startWatchedAedes },
  { name: 'Mosquitto (private)', start: startWatchedMosquitto },
];
