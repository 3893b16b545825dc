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
