import type { Identity, Role } from './principal';

/** What a request or socket may do. */
export type Action =
  /** The live picture: snapshot, events, telemetry, entity lists. */
  | 'read:picture'
  /** Create and edit incidents, dispatch and recall, acknowledge and dispose of alarms. */
  | 'command'
  /** The duty log (值班日志) and reports up the chain (信息报送): write entries, edit and send. */
  | 'duty'
  /** Feed health, rejects and orders: every agency's. */
  | 'read:feeds'
  /** The audit log. */
  | 'read:audit'
  /**
   * Hidden-hazard commands (`hiddenhazard.*`): supervision staff for every step, an enterprise's
   * agency user for its own items' evidence (ingest decides per item and stage).
   */
  | 'hiddenhazard'
  /** Disaster reports (报灾) and 零报告 for the officer's own area: `disaster.report`, `disaster.zero`. */
  | 'disaster:report'
  /** Verifying disaster reports (核灾): verify, reject, merge, link or make an incident. */
  | 'disaster:verify';

const BY_ROLE: Record<Role, readonly Action[]> = {
  viewer: ['read:picture'],
  commander: ['read:picture', 'command', 'duty', 'read:feeds', 'read:audit', 'disaster:verify'],
  agency: ['hiddenhazard'],
  admin: [
    'read:picture',
    'command',
    'duty',
    'read:feeds',
    'read:audit',
    'hiddenhazard',
    'disaster:verify',
  ],
  supervisor: ['read:picture', 'read:audit', 'hiddenhazard', 'disaster:verify'],
  reporter: ['disaster:report'],
};

/** The action a command type needs: hidden-hazard steps their own, everything else `command`. */
export function actionFor(commandType: string): Action {
  if (commandType === 'disaster.report' || commandType === 'disaster.zero') {
    return 'disaster:report';
  }
  if (commandType.startsWith('disaster.')) return 'disaster:verify';
  return commandType.startsWith('hiddenhazard.') ? 'hiddenhazard' : 'command';
}

/** True when the identity's role allows the action. Pure: the one place roles are decided. */
export function can(identity: Identity | undefined, action: Action): boolean {
  return identity !== undefined && BY_ROLE[identity.role].includes(action);
}

/**
 * Cameras' stream addresses (which may carry the agencies' platform tokens): only to a screen
 * signed in with a role that reads the picture (viewer and up), never to an anonymous one.
 */
export function canSeeStreams(identity: Identity | undefined): boolean {
  return can(identity, 'read:picture') && identity?.anonymous !== true;
}

/**
 * Feed data of one agency (its health, rejects, orders): every agency's for those who read
 * feeds, and an agency user's own.
 */
export function canReadAgency(identity: Identity | undefined, agency: string): boolean {
  if (can(identity, 'read:feeds')) return true;
  return identity?.role === 'agency' && identity.agency === agency;
}
