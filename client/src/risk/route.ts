/** The supervision staff's screen lives under `/risk`. */
export function isRiskRoute(pathname: string): boolean {
  return pathname === '/risk' || pathname.startsWith('/risk/');
}
