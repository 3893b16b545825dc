import { useMemo } from 'react';
import type { PlacedResource } from './layers/resources';
import { useAppStore } from '../store/use-app-store';

/** Every resource where it is: its latest position when that is newer than its record. */
export function usePlacedResources(): PlacedResource[] {
  const resources = useAppStore((s) => s.resources);
  const positions = useAppStore((s) => s.positions);
  return useMemo(() => {
    const placed: PlacedResource[] = [];
    for (const resource of resources.values()) {
      const p = positions.get(resource.id);
      placed.push({
        resource,
        location: p && p.ts >= resource.ts ? p.location : resource.location,
      });
    }
    return placed;
  }, [resources, positions]);
}
