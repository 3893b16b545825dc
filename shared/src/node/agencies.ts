import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { AgencyId } from '../feed/common';
import { FEED_KINDS } from '../feed/topics';
import type { Principal } from './acl';
import { isPasswordHash } from './password';

const common = {
  /** The MQTT username (and the client id on Mosquitto); for an agency the `{agency}` of its topics. */
  id: AgencyId,
  /** Display name (zh-CN); one line (it is written into generated files). */
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^\P{Cc}+$/u, 'one line, no control characters'),
  /** Salted hash, never the password: `$7$<iterations>$<salt>$<hash>` (PBKDF2-SHA512). */
  password: z
    .string()
    .refine(
      isPasswordHash,
      'a $7$ PBKDF2-SHA512 hash (mosquitto_passwd, or npm run mosquitto:config -- --hash)',
    ),
};

/**
 * One broker account: a partner agency, with the feed kinds it may publish (meteorology:
 * `warning`; an enterprise: `hazard`, `sensor`; police, fire, medical: `incident`, `resource`,
 * `order`…), or a service account of the command center — an ingest worker (one account each:
 * on Mosquitto an account is one connection) or a monitor (reads `$SYS` only).
 */
export const Account = z.discriminatedUnion('role', [
  z.strictObject({
    ...common,
    role: z.literal('agency'),
    /**
     * How often the agency publishes something at least, seconds (a weather bureau: hourly; an
     * enterprise's sensors: every few seconds). The wall calls its feed interrupted after
     * `FEED_SILENT_INTERVALS` of these without a message; without one, after 60 s.
     */
    expectedIntervalSeconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 86_400)
      .optional(),
    kinds: z
      .array(z.enum(FEED_KINDS))
      .min(1)
      .refine((kinds) => new Set(kinds).size === kinds.length, 'each kind once'),
  }),
  z.strictObject({ ...common, role: z.literal('ingest') }),
  z.strictObject({ ...common, role: z.literal('monitor') }),
]);
export type Account = z.infer<typeof Account>;

/** The agencies file (e.g. deploy/agencies.yaml): every broker account and its role. */
export const AgenciesFile = z
  .strictObject({
    version: z.literal(1),
    accounts: z.array(Account).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.accounts.forEach((account, i) => {
      if (seen.has(account.id)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate account id "${account.id}"`,
          path: ['accounts', i, 'id'],
        });
      }
      seen.add(account.id);
    });
  });
export type AgenciesFile = z.infer<typeof AgenciesFile>;

export class AgenciesFileError extends Error {
  override readonly name = 'AgenciesFileError';
  readonly code = 'config.agencies_file';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`agencies file ${file}: ${message}`);
  }
}

/** Validates an already parsed agencies file; throws AgenciesFileError naming every bad field. */
export function parseAgencies(data: unknown, file = '(inline)'): AgenciesFile {
  const parsed = AgenciesFile.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AgenciesFileError(file, `invalid\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Reads and validates the agencies file (YAML or JSON) once, at start-up. */
export function loadAgencies(path: string): AgenciesFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AgenciesFileError(path, `cannot be read (${(err as Error).message})`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new AgenciesFileError(path, `is not YAML (${(err as Error).message})`);
  }
  return parseAgencies(data, path);
}

/** The ids of the agencies (not service accounts): the only `{agency}` ingest accepts. */
export function agencyIds(file: AgenciesFile): ReadonlySet<string> {
  return new Set(file.accounts.filter((a) => a.role === 'agency').map((a) => a.id));
}

/** The account a broker user name refers to, as a principal for ACL decisions. */
export function findAccount(file: AgenciesFile, id: string): (Principal & Account) | undefined {
  return file.accounts.find((a) => a.id === id);
}

/** Every agency of the file as a principal (its kinds included), by id: what ingest checks. */
export function agencyPrincipals(file: AgenciesFile): ReadonlyMap<string, Principal> {
  return new Map(
    file.accounts.flatMap((a) =>
      a.role === 'agency' ? [[a.id, { id: a.id, role: a.role, kinds: a.kinds }] as const] : [],
    ),
  );
}
