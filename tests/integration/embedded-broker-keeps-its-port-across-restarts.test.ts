import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/start/ports';
import {
  EmbeddedPortError,
  startEmbeddedBrokerOnFixedPort,
} from '../../scripts/start/embedded-broker';

const held: Server[] = [];
/** Something else listening on `port`, as a Mosquitto on 1883 would. */
async function occupy(port: number): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  held.push(server);
}
afterEach(async () => {
  await Promise.all(held.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe("npm start's embedded broker", () => {
  it('takes the same fixed fallback port at every start while the first is taken', async () => {
    const ports = [await freePort(), await freePort()] as const;
    await occupy(ports[0]);
    for (let start = 0; start < 3; start++) {
      const broker = await startEmbeddedBrokerOnFixedPort({ ports });
      expect(broker.port).toBe(ports[1]);
      await broker.close();
    }
  });

  it('fails with what to set, naming the ports, when both are taken', async () => {
    const ports = [await freePort(), await freePort()] as const;
    await occupy(ports[0]);
    await occupy(ports[1]);
    const start = startEmbeddedBrokerOnFixedPort({ ports });
    await expect(start).rejects.toBeInstanceOf(EmbeddedPortError);
    await expect(start).rejects.toThrow(
      `ports ${ports[0]} and ${ports[1]} are both in use. Set MQTT_EMBEDDED_PORT to a free port`,
    );
  });

  it('stops npm start with that message and no stack trace when MQTT_EMBEDDED_PORT is taken', async () => {
    const port = await freePort();
    await occupy(port);
    const env: NodeJS.ProcessEnv = { ...process.env, MQTT_EMBEDDED_PORT: String(port) };
    delete env.MQTT_URL;
    const child = spawn('npx', ['tsx', 'scripts/start.ts', '--no-sim'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`port ${port} (MQTT_EMBEDDED_PORT) is in use`);
    expect(stderr).toContain('MQTT_URL');
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 120_000);
});
