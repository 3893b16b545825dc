/** The supervision staff's screen lives under `/risk`. */
export function isRiskRoute(pathname: string): boolean {
  return pathname === '/risk' || pathname.startsWith('/risk/');
}

const ENTERPRISE_PREFIX = '/risk/enterprise/';

/** The enterprise profile (一企一档) `/risk/enterprise/{agency}`: the agency id, else null. Pure. */
export function enterpriseFromPath(pathname: string): string | null {
  if (!pathname.startsWith(ENTERPRISE_PREFIX)) return null;
  const rest = pathname.slice(ENTERPRISE_PREFIX.length).replace(/\/+$/, '');
  if (rest === '' || rest.includes('/')) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}

/** The address of an enterprise's profile. Pure. */
export function enterprisePath(agency: string): string {
  return `${ENTERPRISE_PREFIX}${encodeURIComponent(agency)}`;
}
