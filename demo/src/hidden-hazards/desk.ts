import mqtt from 'mqtt';
import { createTopics } from '@cc/shared';
import type { Logger } from '@cc/shared/node';
import type { HazardMessage } from '@cc/shared';
import type { z } from 'zod';
import { FINDINGS, stepsFor } from './plan';

export interface DeskOptions {
  mqttUrl: string;
  topicRoot: string;
  serverUrl: string;
  /** The supervision staff's account (demo/users.demo.yaml). */
  username: string;
  password: string;
  /** Enterprises with their first hazard: who reports, and where. */
  enterprises: readonly { agency: string; hazard: z.input<typeof HazardMessage> }[];
  credentials: (agency: string) => { username: string; password: string };
  log: Logger;
  now?: () => number;
}

/**
 * The demo's hidden hazards: enterprises report self-checks over MQTT (two each), then the
 * supervision desk signs in and takes each item's steps through `POST /api/v1/commands`, so a
 * fresh start shows items at every stage, some overdue. Command ids are fixed: run again, every
 * step is answered with its first result or refused as already taken, and nothing changes.
 */
export async function runSupervisionDesk(options: DeskOptions): Promise<void> {
  const { log } = options;
  const now = (options.now ?? Date.now)();
  const topics = createTopics(options.topicRoot);
  const items: string[] = [];
  const day = new Date(now).toISOString().slice(0, 10);
  for (const [e, { agency, hazard }] of options.enterprises.entries()) {
    const client = await mqtt.connectAsync(options.mqttUrl, {
      clientId: `${agency}.hh-desk`,
      ...options.credentials(agency),
      reconnectPeriod: 0,
    });
    try {
      for (const k of [0, 1]) {
        const n = e * 2 + k;
        const finding = FINDINGS[n % FINDINGS.length]!;
        const id = `YH-${day}-${String(n + 1).padStart(2, '0')}`;
        const [lng, lat] = (hazard.location as { coordinates: [number, number] }).coordinates;
        await client.publishAsync(
          topics.feed(agency, 'hiddenhazard'),
          JSON.stringify({
            id,
            // A fixed day's time: a restart's message is a duplicate, applied once.
            ts: `${day}T01:00:00Z`,
            enterprise: hazard.enterprise,
            siteId: `${agency}:${hazard.id}`,
            sector: finding.sector,
            description: finding.description,
            reportedBy: '企业安全员',
            location: { type: 'Point', coordinates: [lng + 0.002 * k, lat + 0.0015 * k] },
          }),
          { qos: 1 },
        );
        items.push(`${agency}:${id}`);
      }
    } finally {
      await client.endAsync();
    }
  }
  const token = await signIn(options);
  for (const [n, id] of items.entries()) {
    // Stored once ingest has taken the self-check.
    for (let i = 0; i < 30; i++) {
      const res = await fetch(
        `${options.serverUrl}/api/v1/hidden-hazards/${encodeURIComponent(id)}`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      if (res.ok) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    for (const [s, step] of stepsFor(n, now).entries()) {
      const res = await fetch(`${options.serverUrl}/api/v1/commands`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          type: 'hiddenhazard.step',
          commandId: `demo-hh-${id}-${s}`,
          hiddenHazardId: id,
          step,
        }),
      });
      if (!res.ok) {
        log.debug(
          { id, step: step.action, status: res.status },
          'demo hidden-hazard step not taken',
        );
      }
    }
  }
  log.info({ items: items.length }, 'demo hidden hazards reported and moved along');
}

/** Signs in as the supervision desk, waiting for the server to come up. */
async function signIn(options: DeskOptions): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${options.serverUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: options.username, password: options.password }),
      });
      if (res.ok) return ((await res.json()) as { token: string }).token;
      if (res.status !== 503 && attempt > 30) throw new Error(`sign-in answered ${res.status}`);
    } catch (err) {
      if (attempt > 60) throw err;
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
}
