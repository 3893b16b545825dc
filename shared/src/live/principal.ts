/**
 * Who is on the other end of a connection or request. Roles: `viewer` (the video wall: read
 * only), `commander` (reads and commands), `agency` (its own feed health, rejects and orders),
 * `admin` (everything), `supervisor` (the bureau's safety-supervision staff: reads the picture and
 * moves hidden hazards through their closed loop), `reporter` (a disaster information officer,
 * 灾害信息员: reports disasters and 零报告 for the town or district it is bound to, nothing else).
 */
export const ROLES = ['viewer', 'commander', 'agency', 'admin', 'supervisor', 'reporter'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  /** User or display id. */
  sub: string;
  role: Role;
  /** For the agency role: the agency it speaks for. */
  agency?: string;
  /** For the reporter role: the town or district it reports for (GB/T 2260 code and name). */
  area?: { code: string; name: string };
  /** Display name, for the audit log and the screen. */
  name?: string;
  /** The read-only viewer every screen is when sign-in is off: nobody signed in. */
  anonymous?: boolean;
}
