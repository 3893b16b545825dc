import type { LngLat, ShelterFacility } from '@cc/shared';

/** An emergency shelter as the scenario defines it (published as the `shelter` kind). */
export interface ShelterDef {
  id: string;
  name: string;
  at: LngLat;
  capacity: number;
  occupancy: number;
  status: 'open' | 'closed';
  facilities: ShelterFacility[];
  areaM2: number;
  address: string;
  phone: string;
}

/**
 * The emergency-management bureau's register of emergency shelters (应急避难场所): the sports
 * halls, the Olympic centre and parks a city of this size designates. Names and places follow the
 * usual pattern; capacities, phones and occupancy are made up. One is open, with people who left
 * homes flooded in the last rainstorm; the others stand ready.
 */
export const DEMO_SHELTERS: readonly ShelterDef[] = [
  {
    id: 'BN-ZL',
    name: '钟楼区体育馆应急避难场所',
    at: [119.9303, 31.7772],
    capacity: 3000,
    occupancy: 126,
    status: 'open',
    facilities: ['water', 'power', 'toilet', 'medical', 'beds', 'broadcast', 'accessible'],
    areaM2: 12_000,
    address: '钟楼区体育馆',
    phone: '0519-86600001',
  },
  {
    id: 'BN-XB',
    name: '常州奥体中心应急避难场所',
    at: [119.9553, 31.8213],
    capacity: 8000,
    occupancy: 0,
    status: 'closed',
    facilities: ['water', 'power', 'toilet', 'medical', 'kitchen', 'shower', 'broadcast'],
    areaM2: 45_000,
    address: '新北区常州奥林匹克体育中心',
    phone: '0519-86600002',
  },
  {
    id: 'BN-WJ',
    name: '武进区人民公园应急避难场所',
    at: [119.9463, 31.7023],
    capacity: 5000,
    occupancy: 0,
    status: 'closed',
    facilities: ['water', 'power', 'toilet', 'broadcast'],
    areaM2: 30_000,
    address: '武进区人民公园',
    phone: '0519-86600003',
  },
];
