/** The duty officer's screen (值班日志 · 信息报送) lives under `/duty`. */
export function isDutyRoute(pathname: string): boolean {
  return pathname === '/duty' || pathname.startsWith('/duty/');
}
