import { useMemo } from 'react';
import type { Hazard } from '@cc/shared';
import { isAlarmState } from '../store/derived';
import type { HazardStates } from '../store/derived';
import { useAppStore, useHazardList, useHazardStates } from '../store/use-app-store';

export interface HazardLayerData {
  hazards: Hazard[];
  flagged: Hazard[];
  alarmed: Hazard[];
  states: HazardStates;
}

/**
 * The arrays the hazard layers draw, each memoized on the slice it comes from: a telemetry frame
 * that changes no hazard's state leaves every array (and so every GPU buffer) as it was.
 */
export function useHazardLayerData(): HazardLayerData {
  const hazards = useHazardList();
  const states = useHazardStates();
  const byId = useAppStore((s) => s.hazards);
  const flaggedStates = useAppStore((s) => s.flaggedHazards);
  // O(flagged), not O(hazards): a wall may hold tens of thousands of hazards, few of them flagged.
  return useMemo(() => {
    const flagged: Hazard[] = [];
    for (const id of flaggedStates.keys()) {
      const hazard = byId.get(id);
      if (hazard) flagged.push(hazard);
    }
    const alarmed = flagged.filter((h) => isAlarmState(flaggedStates.get(h.id)));
    return { hazards, flagged, alarmed, states };
  }, [hazards, states, byId, flaggedStates]);
}
