/** The commander's tablet lives under `/command`; every other address is the video wall. */
export function isCommandRoute(pathname: string): boolean {
  return pathname === '/command' || pathname.startsWith('/command/');
}
