/** The period evaluation screen (总结评价) lives under `/review`. */
export function isReviewRoute(pathname: string): boolean {
  return pathname === '/review' || pathname.startsWith('/review/');
}
