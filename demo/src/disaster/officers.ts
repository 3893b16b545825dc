import type { Logger } from '@cc/shared/node';
import { demoPassword } from '../demo-credentials';

/** Signs in as a demo account, waiting for the server to come up. */
async function signIn(serverUrl: string, username: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(`${serverUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: demoPassword(username) }),
      });
      if (res.ok) return ((await res.json()) as { token: string }).token;
      if (res.status !== 503 && attempt > 30) throw new Error(`sign-in answered ${res.status}`);
    } catch (err) {
      if (attempt > 60) throw err;
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

async function post(serverUrl: string, token: string, path: string, body: unknown) {
  const res = await fetch(`${serverUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return res.status;
}

/**
 * The demo's disaster information officers (demo/users.demo.yaml): 湖塘镇 reports a flood (its id
 * fixed per day, so a restart stores nothing twice) and the commander verifies it; 溧阳市 and
 * 天宁区 send 零报告; 牛塘镇 sends nothing, so the wall names it as not reported today.
 */
export async function runDisasterOfficers(serverUrl: string, log: Logger): Promise<void> {
  const now = Date.now();
  const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  const hutang = await signIn(serverUrl, 'reporter-hutang');
  const id = `demo-hutang-${day}`;
  const reported = await post(serverUrl, hutang, '/api/v1/disaster-reports', {
    id,
    hazard: 'flood',
    occurredAt: now - 2 * 3_600_000,
    location: [119.95, 31.7],
    locationSource: 'gps',
    figures: {
      affected: 1260,
      injured: 2,
      relocated: 310,
      housesDamaged: 14,
      cropHa: 86.7,
      lossWanYuan: 420,
    },
    description: '强降雨致湖塘镇低洼村组进水，部分农田受淹',
  });
  const commander = await signIn(serverUrl, 'commander');
  const verified = await post(serverUrl, commander, '/api/v1/commands', {
    type: 'disaster.verify',
    commandId: `demo-verify-${id}`,
    reportId: id,
    corrections: { affected: 1180 },
    note: '镇村复核',
  });
  const zeros = [];
  for (const officer of ['reporter-liyang', 'reporter-tianning']) {
    const token = await signIn(serverUrl, officer);
    zeros.push(await post(serverUrl, token, '/api/v1/disaster-reports/zero', {}));
  }
  log.info({ reported, verified, zeros }, 'demo disaster officers reported');
}
