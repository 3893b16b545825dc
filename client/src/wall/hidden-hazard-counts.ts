import { HH_STAGES, type HiddenHazard, type HiddenHazardStage } from '@cc/shared';

export interface HiddenHazardCounts {
  /** Open items by stage (closed ones are not in the live picture). */
  byStage: { stage: HiddenHazardStage; count: number }[];
  open: number;
  overdue: number;
  /** 重大 items open, and those under supervision (挂牌督办). */
  major: number;
  majorSupervised: number;
}

/** What the wall's hidden-hazard panel shows, from the live picture's open items. Pure. */
export function hiddenHazardCounts(items: Iterable<HiddenHazard>): HiddenHazardCounts {
  const byStage = new Map<HiddenHazardStage, number>();
  const counts = { open: 0, overdue: 0, major: 0, majorSupervised: 0 };
  for (const item of items) {
    if (item.stage === 'closed') continue;
    counts.open++;
    byStage.set(item.stage, (byStage.get(item.stage) ?? 0) + 1);
    if (item.overdueSince !== undefined) counts.overdue++;
    if (item.grade === 'major') {
      counts.major++;
      if (item.supervision !== undefined) counts.majorSupervised++;
    }
  }
  return {
    ...counts,
    byStage: HH_STAGES.filter((s) => s !== 'closed').map((stage) => ({
      stage,
      count: byStage.get(stage) ?? 0,
    })),
  };
}
