import type {
  Alarm,
  CommandResult,
  Hazard,
  HiddenHazard,
  HiddenHazardActionName,
} from '@cc/shared';
import { loadSession } from '../auth/session';
import { getJson } from '../command/api';

/** The ledger's filters as the screen holds them: empty string = not filtered. */
export interface LedgerFilters {
  district: string;
  sector: string;
  stage: string;
  grade: string;
  overdue: string;
  enterprise: string;
}

export const NO_FILTERS: LedgerFilters = {
  district: '',
  sector: '',
  stage: '',
  grade: '',
  overdue: '',
  enterprise: '',
};

/** The query string of the filters set. Pure. */
export function ledgerQuery(filters: LedgerFilters, limit = 100): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== '') params.set(k, v.trim());
  params.set('limit', String(limit));
  return params.toString();
}

export interface ItemDetail {
  item: HiddenHazard;
  steps: HiddenHazardActionName[];
  deadline?: number;
}

export const getItem = (id: string) =>
  getJson(`/api/v1/hidden-hazards/${encodeURIComponent(id)}`) as Promise<ItemDetail>;

/** 一企一档 as `GET /api/v1/enterprises/{agency}` answers it (server/src/hiddenhazards/enterprise.ts). */
export interface EnterpriseProfileData {
  agency: string;
  enterprise: string;
  hazards: Hazard[];
  openHiddenHazards: HiddenHazard[];
  hiddenHazardCounts: { open: number; overdue: number; closed: number };
  alarms: Alarm[];
  alarmsTruncated: boolean;
}

export const getEnterprise = (agency: string, signal?: AbortSignal) =>
  getJson(
    `/api/v1/enterprises/${encodeURIComponent(agency)}`,
    signal,
  ) as Promise<EnterpriseProfileData>;

/** Sends one step as a command (REST: the answer is the confirmation or the refusal). */
export async function sendStep(
  hiddenHazardId: string,
  step: Record<string, unknown>,
): Promise<CommandResult> {
  const token = loadSession(window.localStorage, Date.now())?.token;
  const res = await fetch('/api/v1/commands', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({
      type: 'hiddenhazard.step',
      commandId: crypto.randomUUID(),
      hiddenHazardId,
      step,
    }),
  });
  return (await res.json()) as CommandResult;
}
