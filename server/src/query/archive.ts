import { ARCHIVE_GROUP, ArchiverReport, type ArchiveStatus } from '@cc/shared';
import type { Keys, Redis } from '@cc/shared/node';

type GroupInfo = { name: string; lag?: number | null; pending: number };

function parseReport(json: string | null): ArchiverReport | null {
  if (json === null) return null;
  try {
    return ArchiverReport.parse(JSON.parse(json));
  } catch {
    return null;
  }
}

/**
 * The archive as the servers report it: the archiver's liveness record and the `archiver`
 * group's position in the `events` stream (Redis 7's lag: entries not yet delivered to it;
 * pending: delivered, not yet committed and acknowledged). Null when no archiver ever read the
 * stream (none deployed); undefined when Redis does not answer within `ms`.
 */
export async function readArchive(
  redis: Redis,
  keys: Keys,
  ms = 1_000,
): Promise<ArchiveStatus | null | undefined> {
  const read = async (): Promise<ArchiveStatus | null> => {
    // No stream yet: no group.
    const groupsOf = (key: string) =>
      (redis.xInfoGroups(key) as unknown as Promise<GroupInfo[]>).catch(() => [] as GroupInfo[]);
    const [alive, groups, telemetryGroups] = await Promise.all([
      redis.get(keys.archiverAlive),
      groupsOf(keys.events),
      groupsOf(keys.telemetry),
    ]);
    const group = groups.find((g) => g.name === ARCHIVE_GROUP);
    const telemetry = telemetryGroups.find((g) => g.name === ARCHIVE_GROUP);
    const report = parseReport(alive);
    if (!group && !report) return null;
    return {
      up: report !== null,
      database: report?.database ?? null,
      lag: group?.lag ?? null,
      pending: group?.pending ?? null,
      telemetryLag: telemetry?.lag ?? null,
      report,
    };
  };
  return Promise.race([
    read().catch(() => undefined),
    new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref()),
  ]);
}
