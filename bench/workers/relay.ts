/**
 * The bare subscriber of the raw relay figure: counts what the broker hands it and nothing else,
 * so generator → broker → subscriber shows the broker's ceiling on this machine.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { serveWorker } from '../procs';

let client: MqttClient | undefined;
let messages = 0;
let bytes = 0;
let firstAt = 0;
let lastAt = 0;

serveWorker({
  async start(args: { url: string; filter: string; qos: 0 | 1 }) {
    client = await mqtt.connectAsync(args.url, {
      clientId: `bench-relay-${process.pid}`,
      protocolVersion: 4,
      clean: true,
    });
    client.on('message', (_topic, payload) => {
      const at = performance.now();
      if (messages === 0) firstAt = at;
      lastAt = at;
      messages++;
      bytes += payload.byteLength;
    });
    await client.subscribeAsync(args.filter, { qos: args.qos });
    return {};
  },
  async reset() {
    messages = 0;
    bytes = 0;
    return {};
  },
  async stats() {
    return { messages, bytes, seconds: (lastAt - firstAt) / 1000 };
  },
  async close() {
    await client?.endAsync();
    return {};
  },
});
