const FIRST_RETRY_S = 2;
const MAX_RETRY_S = 60;

/** The wait before the next attempt after `attempt` failed ones in a row: 2, 4, 8… up to 60 s. */
export function backoffSeconds(attempt: number): number {
  return Math.min(MAX_RETRY_S, FIRST_RETRY_S * 2 ** Math.max(0, attempt - 1));
}
