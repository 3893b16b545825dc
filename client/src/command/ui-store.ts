import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { SUPPORT_RADIUS_KM, type LngLat, type SupportResponse } from '@cc/shared';
import { DEFAULT_FILTER, type IncidentFilter, type IncidentSort } from './incident-filters';

/** The incident detail's tabs. */
export type DetailTab = 'summary' | 'support' | 'units' | 'timeline';

/** What the side panel shows. */
export type PanelView =
  | { kind: 'list' }
  | { kind: 'incident'; incidentId: string; tab: DetailTab }
  | { kind: 'alarms' }
  | { kind: 'hazard'; hazardId: string }
  /** 灾情核查: disaster information officers' reports waiting for verification. */
  | { kind: 'disasters' };

/** What the bureau does with an officer's report (核灾). */
export type DisasterAction = 'verify' | 'reject' | 'merge' | 'link' | 'incident';

/** A form or confirmation over the page. */
export type Dialog =
  | { kind: 'create'; location: LngLat }
  | { kind: 'edit'; incidentId: string }
  | { kind: 'dispatch'; incidentId: string; resourceIds: string[] }
  | { kind: 'recall'; incidentId: string; resourceId: string }
  | { kind: 'alarm'; alarmId: string }
  | { kind: 'disaster'; reportId: string; action: DisasterAction };

export interface TabletUiState {
  panel: PanelView;
  /** Where the panel goes back to from an incident or a hazard. */
  back: PanelView;
  dialog: Dialog | null;
  filter: IncidentFilter;
  sort: IncidentSort;
  /** Decision support radius, km. */
  radiusKm: number;
  /** Units picked for dispatch, per incident. */
  picked: ReadonlySet<string>;
  pickedFor: string | null;
  /** Decision support for the open incident, as last fetched. */
  support: SupportState | null;
  /** Bumped to fetch decision support again now. */
  supportNonce: number;
}

export interface SupportState {
  incidentId: string;
  radiusKm: number;
  data: SupportResponse | null;
  /** The last fetch failed: its code (the data shown, if any, is older). */
  error: string | null;
  loading: boolean;
}

/** Tablet-only view state (panels, dialogs, filters, picks); the live picture is in the app store. */
export function createTabletUi(defaultRadiusKm: number) {
  return createStore<TabletUiState>()(() => ({
    panel: { kind: 'list' },
    back: { kind: 'list' },
    dialog: null,
    filter: DEFAULT_FILTER,
    sort: 'time',
    radiusKm: defaultRadiusKm,
    picked: new Set(),
    pickedFor: null,
    support: null,
    supportNonce: 0,
  }));
}
export type TabletUi = ReturnType<typeof createTabletUi>;

export function openIncident(ui: TabletUi, incidentId: string, tab: DetailTab = 'summary'): void {
  ui.setState((s) => ({
    panel: { kind: 'incident', incidentId, tab },
    back: s.panel.kind === 'alarms' ? s.panel : { kind: 'list' },
    ...(s.pickedFor === incidentId ? {} : { picked: new Set<string>(), pickedFor: incidentId }),
  }));
}

export function openHazard(ui: TabletUi, hazardId: string): void {
  ui.setState((s) => ({
    panel: { kind: 'hazard', hazardId },
    back: s.panel.kind === 'hazard' ? s.back : s.panel,
  }));
}

export function goBack(ui: TabletUi): void {
  ui.setState((s) => ({ panel: s.back, back: { kind: 'list' } }));
}

export function togglePick(ui: TabletUi, resourceId: string): void {
  ui.setState((s) => {
    const picked = new Set(s.picked);
    if (picked.has(resourceId)) picked.delete(resourceId);
    else picked.add(resourceId);
    return { picked };
  });
}

export const tabletUi: TabletUi = createTabletUi(SUPPORT_RADIUS_KM.default);

export function useTabletUi<U>(selector: (state: TabletUiState) => U): U {
  return useStore(tabletUi, selector);
}
