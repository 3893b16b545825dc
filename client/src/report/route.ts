/** The incident after-action report page: `/incident-report/{incident id}` (tablet and print). */
export const INCIDENT_REPORT_PREFIX = '/incident-report/';

export function isIncidentReportRoute(pathname: string): boolean {
  return (
    pathname.startsWith(INCIDENT_REPORT_PREFIX) && pathname.length > INCIDENT_REPORT_PREFIX.length
  );
}

/** The incident id in the address, decoded. */
export function incidentIdFromPath(pathname: string): string {
  return decodeURIComponent(pathname.slice(INCIDENT_REPORT_PREFIX.length).replace(/\/+$/, ''));
}

/** The page's address for an incident, in a language. */
export function incidentReportHref(incidentId: string, lang?: string): string {
  return `${INCIDENT_REPORT_PREFIX}${encodeURIComponent(incidentId)}${lang ? `?lang=${lang}` : ''}`;
}
