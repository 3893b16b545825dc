import type { Topics } from '@cc/shared';
import { findAccount, mayUseClientId, type AgenciesFile, type Config } from '@cc/shared/node';
import { ownedAgencies, parsePartition } from './partition';

/** A setting ingest cannot start with, named. */
export class IngestSettingError extends Error {
  override readonly name = 'IngestSettingError';
  readonly code = 'config.ingest';
}

/** What one worker subscribes to, and what an earlier run may have left in its session. */
export interface Subscriptions {
  filters: string[];
  stale: string[];
  /** With INGEST_PARTITION: the agencies this worker owns. */
  owned?: string[];
}

/**
 * The worker's subscriptions, from INGEST_PARTITION and the agencies file, after checking that
 * its client id is its account's (the brokers refuse or replace any other). Stale: every
 * agency's subtree this worker does not own now, the one filter of an unpartitioned worker,
 * and the filters of versions before partitions (`Topics.legacyIngestFilters`).
 */
export function subscriptionsOf(
  config: Pick<Config, 'INGEST_PARTITION' | 'INGEST_CLIENT_ID' | 'MQTT_USERNAME'>,
  topics: Topics,
  file: AgenciesFile | undefined,
): Subscriptions {
  const username = config.MQTT_USERNAME;
  if (file && username) {
    const account = findAccount(file, username);
    if (account && account.role !== 'ingest') {
      throw new IngestSettingError(
        `MQTT_USERNAME ${username} has role ${account.role} in the agencies file; ingest logs in with an ingest account`,
      );
    }
    if (!mayUseClientId(username, config.INGEST_CLIENT_ID)) {
      throw new IngestSettingError(
        `INGEST_CLIENT_ID ${config.INGEST_CLIENT_ID} is not a client id of account ${username}: ` +
          `leave it unset (it is then ${username}) or use ${username}.{suffix}`,
      );
    }
  }
  const legacy = topics.legacyIngestFilters();
  const every = file ? file.accounts.flatMap((a) => (a.role === 'agency' ? [a.id] : [])) : [];
  if (!config.INGEST_PARTITION) {
    return { filters: topics.ingestFilters(), stale: [...legacy, ...topics.ingestFilters(every)] };
  }
  if (!file) {
    throw new IngestSettingError(
      'INGEST_PARTITION needs AGENCIES_FILE: a worker subscribes to the agencies it lists',
    );
  }
  const owned = ownedAgencies(every, parsePartition(config.INGEST_PARTITION));
  const others = every.filter((agency) => !owned.includes(agency));
  return {
    filters: topics.ingestFilters(owned),
    stale: [...legacy, ...topics.ingestFilters(), ...topics.ingestFilters(others)],
    owned,
  };
}
