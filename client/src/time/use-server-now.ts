import { useAppStore } from '../store/use-app-store';
import { useNow } from './use-now';

/**
 * The server's time (epoch ms), re-evaluated once a second: what observation times are judged
 * against, so a screen whose clock drifts says what ingest says about a sensor.
 */
export function useServerNow(): number {
  const now = useNow();
  return now + useAppStore((s) => s.clockOffset);
}
