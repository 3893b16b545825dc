import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RejectNotice } from '@cc/shared';
import { startAgencyHarness, inbox, type AgencyHarness } from '../helpers/agency-harness';
import { AUTHENTICATED_BROKERS } from '../helpers/authenticated-brokers';
import { jsonWarning } from '../helpers/cap-fixtures';
import { hazardMessage } from '../helpers/fixtures';
import { INCIDENT_EXAMPLE } from '../helpers/kind-fixtures';
import { waitFor } from '../helpers/wait';

/** A city-wide red rainstorm warning: meteorology's to issue, nobody else's. */
function redRainstorm(id: string) {
  const now = Date.now();
  return {
    ...jsonWarning(
      id,
      new Date(now - 60_000).toISOString(),
      new Date(now + 3_600_000).toISOString(),
    ),
    event: '暴雨',
    signal: 'red',
    severity: 'extreme',
    headline: '常州市气象台发布暴雨红色预警信号',
  };
}

/**
 * The agencies file says which kinds each agency may publish. A chemical enterprise that
 * publishes a warning or an incident is refused (feed.forbidden_kind) and told which kinds it may
 * publish: by the embedded broker, whose refusal ingest announces, and on Mosquitto by ingest
 * (the broker's ACL stops at the agency's subtree: its denial would be silent).
 */
describe.each(AUTHENTICATED_BROKERS)('on $name with accounts', (broker) => {
  let h: AgencyHarness;

  beforeAll(async () => {
    h = await startAgencyHarness('kinds', broker, [
      { id: 'ent-chem', role: 'agency', kinds: ['hazard', 'sensor'] },
      { id: 'weather', role: 'agency', kinds: ['warning'] },
    ]);
  });
  afterAll(() => h.stop());

  it('a chemical enterprise cannot issue a red rainstorm warning or report an incident', async () => {
    const chem = await h.connectAs('ent-chem');
    const heard = inbox(chem);
    await chem.subscribeAsync(h.topic('ent-chem', 'rejects'), { qos: 1 });

    await chem.publishAsync(h.topic('ent-chem', 'warning'), JSON.stringify(redRainstorm('W-1')), {
      qos: 1,
    });
    await chem.publishAsync(h.topic('ent-chem', 'incident'), JSON.stringify(INCIDENT_EXAMPLE), {
      qos: 1,
    });
    await chem.publishAsync(
      h.topic('ent-chem', 'hazard', 'tank-1'),
      JSON.stringify(hazardMessage('tank-1')),
      { qos: 1 },
    );
    await waitFor(async () => (await h.ids('hazard')).includes('ent-chem:tank-1'), 'own hazard');
    await waitFor(() => heard.length >= 2, 'two reject notices');

    const notices = heard.map((m) => JSON.parse(m.payload) as RejectNotice);
    expect(notices.map((n) => [n.code, n.topic, n.reason])).toEqual([
      [
        'feed.forbidden_kind',
        h.topic('ent-chem', 'warning'),
        'the agencies file lets ent-chem publish hazard, sensor; not warning',
      ],
      [
        'feed.forbidden_kind',
        h.topic('ent-chem', 'incident'),
        'the agencies file lets ent-chem publish hazard, sensor; not incident',
      ],
    ]);
    expect(notices[0]?.excerpt).toContain('暴雨红色预警');
    expect(await h.ids('warning')).toEqual([]);
    expect(await h.ids('incident')).toEqual([]);
    // Recorded and counted like any refusal.
    expect((await h.rejects()).map((r) => r.code)).toEqual([
      'feed.forbidden_kind',
      'feed.forbidden_kind',
    ]);
    await waitFor(
      async () => (await h.feedCounts('ent-chem'))['code:feed.forbidden_kind'] === '2',
      'feed health counts both refusals',
    );
  });

  it('the weather bureau issues it', async () => {
    const weather = await h.connectAs('weather');
    await weather.publishAsync(h.topic('weather', 'warning'), JSON.stringify(redRainstorm('W-1')), {
      qos: 1,
    });
    await waitFor(async () => (await h.ids('warning')).includes('weather:W-1'), 'warning stored');
  });
});
