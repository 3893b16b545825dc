/** The disaster information officer's phone screen lives under `/report`. */
export function isOfficerRoute(pathname: string): boolean {
  return pathname === '/report' || pathname.startsWith('/report/');
}
