/**
 * Who is on the other end of a connection or request. Roles: `viewer` (the video wall: read
 * only), `commander` (reads and commands), `agency` (its own feed health, rejects and orders),
 * `admin` (everything), `supervisor` (the bureau's safety-supervision staff: reads the picture and
 * moves hidden hazards through their closed loop).
 */
export const ROLES = ['viewer', 'commander', 'agency', 'admin', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  /** User or display id. */
  sub: string;
  role: Role;
  /** For the agency role: the agency it speaks for. */
  agency?: string;
  /** Display name, for the audit log and the screen. */
  name?: string;
}
