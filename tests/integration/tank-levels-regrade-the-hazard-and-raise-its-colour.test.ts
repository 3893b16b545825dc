import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hazard, type StampedEvent } from '@cc/shared';
import type { RunningServer } from '../../server/src/server';
import { BROKERS } from '../helpers/brokers';
import { startFeedHarness, type FeedHarness } from '../helpers/feed-harness';
import { hazardMessage, reading } from '../helpers/fixtures';
import { connectAs } from '../helpers/live-client';
import { startTestServer } from '../helpers/product';
import { waitFor } from '../helpers/wait';

const SITE = 'chlorine-farm';
const level = (id: string, name: string) => ({
  id,
  name,
  metric: 'level',
  unit: '%',
  thresholds: { high: 85, highHigh: 95, deadband: 2 },
  interval: 5,
});

/**
 * Registered 三级 and yellow: 120 t of chlorine on the register, two 40 m³ tanks of liquid chlorine
 * (1.47 t/m³), 20 residents within 500 m (α 1.0): R = 1.0 × 4 × q / 5.
 */
function registration(ts: string) {
  const base = hazardMessage(SITE, ts);
  return {
    ...base,
    grade: 3,
    riskLevel: 'yellow',
    residents: 20,
    sensors: [level('LT-1', '液氯储罐 T-1 液位'), level('LT-2', '液氯储罐 T-2 液位')],
    tanks: [
      { id: 'T-1', substance: '7782-50-5', capacity: 40, density: 1.47, levelSensor: 'LT-1' },
      { id: 'T-2', substance: '氯', capacity: 40, density: 1.47, levelSensor: 'LT-2' },
    ],
  };
}

const hazardsOf = (events: readonly StampedEvent[], id: string) =>
  events.flatMap((e) =>
    e.kind === 'hazard' && e.op === 'upsert' && e.data.id === id ? [e.data] : [],
  );

describe.each(BROKERS)('on $name: tank levels over MQTT', (broker) => {
  let h: FeedHarness;
  let server: RunningServer;
  const t0 = Date.now() - 20_000;

  beforeAll(async () => {
    h = await startFeedHarness('risk-regrade', broker, 'ent-test', { RISK_ASSESSMENT: 'on' });
    server = await startTestServer(h.iso);
  });
  afterAll(async () => {
    await server?.close();
    await h?.stop();
  });

  it('regrade the hazard live and raise its colour with the reasons, as a screen sees it', async () => {
    const id = `${h.agency}:${SITE}`;
    const screen = await connectAs(server);
    try {
      await h.publish('hazard', registration(new Date(t0).toISOString()));
      await waitFor(
        async () => (await h.redis.hGet(h.keys.state('hazard'), id))?.includes('"tanks"'),
        'the hazard registered with its tanks',
      );
      await h.publish('sensor', [reading('LT-1', 30, t0 + 1000), reading('LT-2', 30, t0 + 1000)]);

      // 35.28 t: R 28.2, 三级 as registered; yellow, no reason.
      const calm = await waitFor(() => {
        const last = hazardsOf(screen.received.events, id).at(-1);
        return last?.assessment?.tanks.every((t) => t.level === 30) ? last : undefined;
      }, 'the hazard graded from its tanks on the screen');
      expect(calm.assessment).toMatchObject({
        R: 28.22,
        grade: 3,
        registeredGrade: 3,
        alpha: 1,
        people: 20,
        alphaSource: 'residents',
      });
      expect(calm.assessment!.terms).toEqual([
        { substance: '氯', cas: '7782-50-5', q: 35.28, Q: 5, beta: 4, table: 1, source: 'tanks' },
      ]);
      expect(calm.riskColour).toMatchObject({ colour: 'yellow', inherent: 'yellow', reasons: [] });

      // T-2 filled to 96 %: 74.09 t, R 59.27 → 二级, and a second-stage alarm.
      await h.publish('sensor', reading('LT-2', 96, t0 + 2000));
      const raised = await waitFor(() => {
        const last = hazardsOf(screen.received.events, id).at(-1);
        return last?.assessment?.grade === 2 && last.riskColour?.colour === 'red'
          ? last
          : undefined;
      }, 'the live grade and the raised colour on the screen');
      expect(raised.assessment).toMatchObject({ R: 59.27, grade: 2, registeredGrade: 3 });
      expect(raised.assessment!.tanks).toEqual([
        { id: 'T-1', substance: '7782-50-5', level: 30, tonnes: 17.64 },
        { id: 'T-2', substance: '氯', level: 96, tonnes: 56.448 },
      ]);
      expect(raised.riskColour!.reasons).toEqual([
        {
          code: 'alarm_hh',
          params: { sensor: '液氯储罐 T-2 液位', metric: 'level', value: 96, unit: '%' },
        },
        { code: 'live_grade', params: { grade: 2, registered: 3, R: 59.27 } },
      ]);
      // What the screen saw is what is stored.
      const stored = Hazard.parse(JSON.parse((await h.redis.hGet(h.keys.state('hazard'), id))!));
      expect(stored.riskColour?.colour).toBe('red');

      // Back to 50 %: 三级 again, the alarm cleared, yellow again.
      await h.publish('sensor', reading('LT-2', 50, t0 + 3000));
      await waitFor(() => {
        const last = hazardsOf(screen.received.events, id).at(-1);
        return last?.assessment?.grade === 3 && last.riskColour?.colour === 'yellow';
      }, 'the hazard back to its registered grade and colour');
    } finally {
      screen.close();
    }
  });
});
