import { useMemo } from 'react';
import type { Hazard } from '@cc/shared';
import { isAlarmState } from '../store/derived';
import type { HazardStates } from '../store/derived';
import { useHazardList, useHazardStates } from '../store/use-app-store';

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
  return useMemo(() => {
    const flagged = hazards.filter((h) => states.get(h.id) !== 'normal');
    const alarmed = flagged.filter((h) => isAlarmState(states.get(h.id)));
    return { hazards, flagged, alarmed, states };
  }, [hazards, states]);
}
