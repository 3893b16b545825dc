import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { AgencyId } from '../feed/common';
import { ROLES } from '../live/principal';
import { isPasswordHash } from './password';
import { ReporterArea } from '../disaster/model';

const Id = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lower-case id, 2 to 64 characters');
const Name = z.string().trim().min(1).max(100);
const Secret = z
  .string()
  .refine(isPasswordHash, 'a $7$ PBKDF2-SHA512 hash (npm run mosquitto:config -- --hash)');

/** A person who signs in: duty officer, commander, an agency's operator, an administrator. */
export const User = z
  .strictObject({
    id: Id,
    name: Name,
    role: z.enum(ROLES),
    /** For the agency role: the agency this user speaks for. */
    agency: AgencyId.optional(),
    /**
     * For the reporter role (灾害信息员): the town (9-digit code) or district (6 digits) it
     * reports for, with its name, e.g. `{ code: '320412101', name: '湖塘镇' }`.
     */
    area: ReporterArea.optional(),
    password: Secret,
  })
  .refine((u) => (u.role === 'agency') === (u.agency !== undefined), {
    message: 'an agency user names its agency, and only an agency user does',
    path: ['agency'],
  })
  .refine((u) => (u.role === 'reporter') === (u.area !== undefined), {
    message: 'a reporter names the town or district it reports for, and only a reporter does',
    path: ['area'],
  });
export type User = z.infer<typeof User>;

/** A screen that signs in on its own (a video wall): read only, with a long-lived key. */
export const Display = z.strictObject({ id: Id, name: Name, key: Secret });
export type Display = z.infer<typeof Display>;

export const UsersFile = z
  .strictObject({
    version: z.literal(1),
    users: z.array(User).default([]),
    displays: z.array(Display).default([]),
  })
  .refine(
    (f) => {
      const ids = [...f.users, ...f.displays].map((x) => x.id);
      return new Set(ids).size === ids.length;
    },
    { message: 'user and display ids must be unique' },
  );
export type UsersFile = z.infer<typeof UsersFile>;

export class UsersFileError extends Error {
  override readonly name = 'UsersFileError';
}

/** Reads and validates the users file (e.g. demo/users.demo.yaml); throws one readable error. */
export function loadUsers(path: string): UsersFile {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsersFileError(`${path}: ${(err as Error).message}`);
  }
  const parsed = UsersFile.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new UsersFileError(`${path} is not a valid users file:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
