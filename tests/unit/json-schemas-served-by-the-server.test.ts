import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_KINDS } from '@cc/shared/node';
import { createSchemasRouter } from '../../server/src/http/schemas';

describe('GET /api/v1/schemas/{kind}.json', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    const app = express();
    app.use(createSchemasRouter());
    server = createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/schemas`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it.each(SCHEMA_KINDS)('serves %s.json as committed in docs/schemas', async (kind) => {
    const res = await fetch(`${base}/${kind}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    expect(await res.text()).toBe(readFileSync(`docs/schemas/${kind}.json`, 'utf8'));
  });

  it.each(['report.json', 'sensor', 'SENSOR.json', '__proto__.json', 'constructor.json'])(
    'answers %s with a 404 JSON error',
    async (file) => {
      const res = await fetch(`${base}/${file}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'api.unknown_schema' });
    },
  );
});
