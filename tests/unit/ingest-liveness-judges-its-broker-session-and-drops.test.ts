import { describe, expect, it } from 'vitest';
import { BROKER_SYS_TOPICS, pipelineStatus, type IngestReport } from '@cc/shared';
import {
  initialSession,
  nextSession,
  type SessionInput,
} from '../../ingest/src/health/broker-session';
import { createBrokerCounters } from '../../ingest/src/health/broker-counters';
import { readiness } from '../../server/src/http/readiness';

const run = (inputs: [number, SessionInput | undefined][]) =>
  inputs.reduce((track, [at, input]) => nextSession(track, input, at), initialSession(0));

describe("an ingest worker's broker session", () => {
  it('is connected once its subscriptions are granted', () => {
    const s = run([
      [10, { type: 'connack' }],
      [20, { type: 'subscribed', refused: [] }],
    ]);
    expect(s).toMatchObject({ state: 'connected', since: 20, losses: 0 });
  });

  it('is unreachable when no connection can be made, and says why', () => {
    const s = run([
      [10, { type: 'error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }],
      [11, { type: 'close' }],
    ]);
    expect(s).toMatchObject({ state: 'unreachable', reason: 'ECONNREFUSED' });
    expect(run([[10, { type: 'error', code: undefined, message: 'connack timeout' }]]).state).toBe(
      'unreachable',
    );
  });

  it('has no session when refused, or when its subscriptions are', () => {
    const refused = run([
      [10, { type: 'error', code: 5, message: 'Connection refused: Not authorized' }],
    ]);
    expect(refused).toMatchObject({ state: 'no_session' });
    expect(refused.reason).toContain('Not authorized');
    const subs = run([
      [10, { type: 'connack' }],
      [11, { type: 'subscribed', refused: ['cc/v1/+/+'] }],
    ]);
    expect(subs).toMatchObject({ state: 'no_session' });
    expect(subs.reason).toContain('cc/v1/+/+');
  });

  it('has no session while another client keeps taking it, until that stops', () => {
    const up = (at: number): [number, SessionInput][] => [
      [at, { type: 'connack' }],
      [at, { type: 'subscribed', refused: [] }],
    ];
    const s = run([
      ...up(0),
      [1_000, { type: 'close' }],
      ...up(2_000),
      [3_000, { type: 'close' }],
      ...up(4_000),
    ]);
    expect(s).toMatchObject({ state: 'no_session', losses: 2 });
    expect(s.reason).toContain('another client');
    // One loss (a broker restart) is no more than that once the session is back.
    expect(run([...up(0), [1_000, { type: 'close' }], ...up(2_000)]).state).toBe('connected');
    expect(nextSession(s, undefined, 14_000).state).toBe('connected');
  });
});

describe("the broker's drops, from its $SYS counter", () => {
  const WINDOW = 60_000;
  const heard = (
    c: ReturnType<typeof createBrokerCounters>,
    topic: string,
    v: string,
    at: number,
  ) => c.heard(topic, Buffer.from(v), at);

  it('counts as recent only what was dropped within the window', () => {
    const c = createBrokerCounters(WINDOW);
    heard(c, BROKER_SYS_TOPICS.uptime, '86400 seconds', 0);
    heard(c, BROKER_SYS_TOPICS.dropped, '100', 0);
    expect(c.report(0)).toMatchObject({ dropped: 100, droppedRecent: 0 });
    heard(c, BROKER_SYS_TOPICS.dropped, '130', 10_000);
    expect(c.report(20_000)).toMatchObject({ dropped: 130, droppedRecent: 30 });
    expect(c.report(10_000 + WINDOW + 1)).toMatchObject({ dropped: 130, droppedRecent: 0 });
  });

  it('counts what a broker started within the window dropped, and starts again when it restarts', () => {
    const c = createBrokerCounters(WINDOW);
    heard(c, BROKER_SYS_TOPICS.uptime, '5 seconds', 0);
    heard(c, BROKER_SYS_TOPICS.dropped, '7', 0);
    expect(c.report(0)?.droppedRecent).toBe(7);
    heard(c, BROKER_SYS_TOPICS.dropped, '2', 1_000);
    expect(c.report(1_000)).toMatchObject({ dropped: 2, droppedRecent: 2 });
  });

  it('says nothing until the broker does, and ignores what is no number', () => {
    const c = createBrokerCounters(WINDOW);
    expect(c.report(0)).toBeUndefined();
    heard(c, BROKER_SYS_TOPICS.dropped, 'lots', 0);
    expect(c.report(0)).toBeUndefined();
  });
});

describe('what /readyz makes of the workers', () => {
  const report = (worker: string, state: IngestReport['broker']['state']): IngestReport => ({
    worker,
    at: 1,
    startedAt: 0,
    broker: { state, since: 0, losses: 0 },
  });

  it('names each worker down or without its session; drops only warn', () => {
    const status = pipelineStatus([
      {
        worker: 'w1',
        alive: true,
        report: { ...report('w1', 'connected'), counters: { at: 1, dropped: 9, droppedRecent: 4 } },
      },
      { worker: 'w2', alive: false, report: report('w2', 'connected') },
      { worker: 'w3', alive: true, report: report('w3', 'unreachable') },
    ]);
    const body = readiness({ redis: true, streamTail: true, pipeline: status });
    expect(body.status).toBe('not ready');
    expect(body.checks).toEqual({ redis: true, streamTail: true, ingest: false, broker: false });
    expect(body.problems.map((p) => p.message)).toEqual([
      'ingest down: worker w2 stopped reporting',
      'broker unreachable from worker w3',
      'broker dropped 4 messages in the last 15 min',
    ]);
    expect(body.problems.at(-1)?.warning).toBe(true);

    const fine = pipelineStatus([
      {
        worker: 'w1',
        alive: true,
        report: { ...report('w1', 'connected'), counters: { at: 1, dropped: 9, droppedRecent: 4 } },
      },
    ]);
    expect(readiness({ redis: true, streamTail: true, pipeline: fine }).status).toBe('ready');
  });

  it('is not ready when no worker ever reported', () => {
    const body = readiness({ redis: true, streamTail: true, pipeline: pipelineStatus([]) });
    expect(body.status).toBe('not ready');
    expect(body.problems[0]?.message).toBe('ingest down: no ingest worker has reported');
  });
});
