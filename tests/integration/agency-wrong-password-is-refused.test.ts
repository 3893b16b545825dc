import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPassword } from '../helpers/agency-accounts';
import { startAgencyHarness, type AgencyHarness } from '../helpers/agency-harness';
import { AUTHENTICATED_BROKERS } from '../helpers/authenticated-brokers';

const REFUSED = /not authori[sz]ed|bad user ?name or password/i;

describe.each(AUTHENTICATED_BROKERS)('on $name with accounts', (broker) => {
  let h: AgencyHarness;

  beforeAll(async () => {
    h = await startAgencyHarness('wrong-password', broker);
  });
  afterAll(() => h.stop());

  it.each([
    { what: 'a wrong password', username: 'ent-a', password: 'not-the-password' },
    { what: 'another agency’s password', username: 'ent-a', password: testPassword('ent-b') },
    { what: 'an empty password', username: 'ent-a', password: '' },
    { what: 'an unknown user', username: 'ent-nobody', password: testPassword('ent-nobody') },
    { what: 'no credentials at all', username: undefined, password: undefined },
  ])('$what is refused at connect', async ({ username, password }) => {
    await expect(h.connectAs(username, password)).rejects.toThrow(REFUSED);
  });

  it('the right password connects (and ingest is logged in with its own)', async () => {
    const client = await h.connectAs('ent-a');
    expect(client.connected).toBe(true);
    expect(h.ingest.subscriber.client.connected).toBe(true);
  });
});
