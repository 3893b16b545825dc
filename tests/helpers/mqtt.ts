import mqtt, { type MqttClient } from 'mqtt';

/** An agency-like publisher; `close()` waits for outstanding QoS 1 acknowledgements. */
export async function connectPublisher(url: string, clientId: string): Promise<MqttClient> {
  return mqtt.connectAsync(url, { clientId, protocolVersion: 4, reconnectPeriod: 200 });
}

/** Resolves with the next `count` messages on `filter`. */
export async function collect(
  url: string,
  clientId: string,
  filter: string,
): Promise<{ messages: { topic: string; payload: string }[]; client: MqttClient }> {
  const client = await mqtt.connectAsync(url, { clientId, protocolVersion: 4 });
  const messages: { topic: string; payload: string }[] = [];
  client.on('message', (topic, payload) => messages.push({ topic, payload: payload.toString() }));
  await client.subscribeAsync(filter, { qos: 1 });
  return { messages, client };
}

/**
 * Writes a QoS 1 PUBLISH with a topic of raw bytes (mqtt.js encodes topics as UTF-8, so it can
 * send NUL but never bytes that are not UTF-8), on an open connection. Resolves with what the
 * broker answered: its PUBACK, or the connection closing.
 */
export function publishRawTopic(
  client: MqttClient,
  topic: Buffer,
  payload: Buffer,
  messageId: number,
): Promise<'puback' | 'closed'> {
  const body = Buffer.concat([
    Buffer.from([topic.length >> 8, topic.length & 0xff]),
    topic,
    Buffer.from([messageId >> 8, messageId & 0xff]),
    payload,
  ]);
  if (body.length > 127) throw new Error('publishRawTopic: packets up to 127 bytes');
  return new Promise((resolve) => {
    const onPacket = (packet: { cmd: string; messageId?: number }) => {
      if (packet.cmd !== 'puback' || packet.messageId !== messageId) return;
      client.off('packetreceive', onPacket);
      resolve('puback');
    };
    client.on('packetreceive', onPacket);
    client.once('close', () => resolve('closed'));
    // QoS 1 PUBLISH (0x32), remaining length in one byte.
    client.stream.write(Buffer.concat([Buffer.from([0x32, body.length]), body]));
  });
}
