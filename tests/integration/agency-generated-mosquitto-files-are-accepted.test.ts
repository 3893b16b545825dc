import mqtt from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOPIC_ROOT } from '@cc/shared';
import { demoPassword } from '../../demo/src/demo-credentials';
import { testPassword, writeTestAgencies } from '../helpers/agency-accounts';
import { inbox } from '../helpers/agency-harness';
import {
  generateMosquittoFiles,
  startPrivateMosquitto,
  type PrivateMosquitto,
} from '../helpers/private-mosquitto';
import { waitFor } from '../helpers/wait';

const ROOT = 'test-generated/cc/v1';
let broker: PrivateMosquitto | undefined;
afterEach(async () => {
  await broker?.stop();
  broker = undefined;
});

function login(url: string, username: string, password: string) {
  return mqtt.connectAsync(url, { username, password, protocolVersion: 4, reconnectPeriod: 0 });
}

describe('npm run mosquitto:config', () => {
  it('writes files a real mosquitto loads and enforces', async () => {
    const accounts = writeTestAgencies();
    broker = await startPrivateMosquitto(await generateMosquittoFiles(accounts.path, ROOT));
    accounts.remove();

    const ingest = await login(broker.url, 'ingest', testPassword('ingest'));
    const seen = inbox(ingest);
    await ingest.subscribeAsync(`${ROOT}/+/#`, { qos: 1 });
    const agency = await login(broker.url, 'ent-a', testPassword('ent-a'));
    await agency.publishAsync(`${ROOT}/ent-a/sensor`, '[]', { qos: 1 });
    await waitFor(() => seen.length > 0, 'ingest receives the agency’s message');
    expect(seen[0]?.topic).toBe(`${ROOT}/ent-a/sensor`);
    await Promise.all([ingest.endAsync(), agency.endAsync()]);
    expect(broker.output()).not.toMatch(/error/i);
  });

  it('turns the demo file into the logins the README and npm start use', async () => {
    broker = await startPrivateMosquitto(
      await generateMosquittoFiles('demo/agencies.demo.yaml', DEFAULT_TOPIC_ROOT),
    );
    for (const user of ['readme-demo', 'ingest-1', 'ingest-2', 'monitor', 'ent-bj-huaxin']) {
      const client = await login(broker.url, user, demoPassword(user));
      await client.endAsync();
    }
    await expect(login(broker.url, 'readme-demo', 'guess')).rejects.toThrow(/not authori[sz]ed/i);
  });

  it('accepts the production template, whose placeholder passwords nobody knows', async () => {
    broker = await startPrivateMosquitto(
      await generateMosquittoFiles('deploy/agencies.yaml', DEFAULT_TOPIC_ROOT),
    );
    await expect(login(broker.url, 'ingest-1', 'demo-ingest-1')).rejects.toThrow(
      /not authori[sz]ed/i,
    );
    expect(broker.output()).not.toMatch(/error/i);
  });
});
