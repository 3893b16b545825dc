import { useAppStore } from '../store/use-app-store';

/** An agency's name from the wall's feed list, else its id. */
export function useAgencyName(agency: string): string {
  return useAppStore((s) => s.wall?.feeds.find((f) => f.agency === agency)?.name ?? agency);
}
