import type { IncidentType } from '../feed/incident';
import type { ResourceType } from '../feed/resource';

/** Resource types that go to an incident; depots and shelters stay where they are. */
export type MobileResourceType = Exclude<ResourceType, 'material_depot' | 'shelter'>;

export interface IncidentNeeds {
  /** Unit types to send, most needed first. */
  resources: readonly MobileResourceType[];
  /**
   * Words that name what the incident needs from material depots, matched as substrings of the
   * depots' inventory item names (`泵` finds both 移动排涝泵 and 防爆潜水泵).
   */
  materials: readonly string[];
}

/** Light, power and shelter: what any long night at a scene needs. */
const NIGHT = ['照明', '发电机'] as const;
/** What people who lost their homes need. */
const RELIEF = ['帐篷', '棉被', '折叠床', '饮用水', '方便食品'] as const;

/**
 * What each incident type needs: the unit types a commander usually sends, and the materials to
 * look for in depots. A planning aid, not a rule: the commander decides.
 */
export const INCIDENT_NEEDS: Readonly<Record<IncidentType, IncidentNeeds>> = {
  fire: {
    resources: ['fire_engine', 'rescue_team', 'ambulance'],
    materials: ['泡沫', '灭火', '呼吸器', ...NIGHT],
  },
  explosion: {
    resources: ['fire_engine', 'rescue_team', 'ambulance', 'hazmat_unit'],
    materials: ['泡沫', '灭火', '呼吸器', '防化', ...NIGHT],
  },
  hazmat_leak: {
    resources: ['hazmat_unit', 'fire_engine', 'ambulance', 'expert'],
    materials: ['吸附', '防化', '堵漏', '中和', '呼吸器'],
  },
  flood: {
    resources: ['boat', 'rescue_team', 'heavy_machinery'],
    materials: ['沙袋', '编织袋', '泵', '救生衣', '石笼', '土工布', '砂石', ...RELIEF],
  },
  waterlogging: {
    resources: ['boat', 'rescue_team', 'heavy_machinery'],
    materials: ['泵', '沙袋', '编织袋', '救生衣', ...NIGHT],
  },
  landslide: {
    resources: ['rescue_team', 'heavy_machinery', 'ambulance', 'expert'],
    materials: ['石笼', '砂石', '土工布', '帐篷', ...NIGHT],
  },
  traffic: {
    resources: ['ambulance', 'police_car', 'fire_engine'],
    materials: ['照明', '吸附'],
  },
  building_collapse: {
    resources: ['rescue_team', 'heavy_machinery', 'ambulance', 'fire_engine'],
    materials: ['呼吸器', '帐篷', ...NIGHT],
  },
  earthquake: {
    resources: ['rescue_team', 'heavy_machinery', 'ambulance', 'fire_engine'],
    materials: [...RELIEF, ...NIGHT],
  },
  other: {
    resources: ['rescue_team', 'ambulance'],
    materials: [],
  },
};

/**
 * The inventory lines of a depot that name something in `materials` and are in stock, in the
 * depot's order.
 */
export function matchMaterials<L extends { item: string; quantity: number }>(
  inventory: readonly L[],
  materials: readonly string[],
): L[] {
  return inventory.filter(
    (line) => line.quantity > 0 && materials.some((word) => line.item.includes(word)),
  );
}
