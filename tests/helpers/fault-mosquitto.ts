import mqtt from 'mqtt';

export { startPersistentMosquitto, type PersistentMosquitto } from './private-mosquitto';

/**
 * Ends a persistent session a test left on a shared broker (ingest connects with
 * `clean: false`): connecting once with a clean session makes the broker drop it.
 */
export async function forgetSession(
  url: string,
  clientId: string,
  login: { username?: string; password?: string } = {},
): Promise<void> {
  const client = await mqtt.connectAsync(url, {
    clientId,
    clean: true,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    ...login,
  });
  await client.endAsync();
}
