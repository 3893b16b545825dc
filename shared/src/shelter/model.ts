import { z } from 'zod';
import { ShelterFacility, ShelterStatus } from '../feed/shelter';
import { distanceKm } from '../geo/measure';

/** A shelter as stored and shown: WGS-84, its latest occupancy and when it was counted. */
export const Shelter = z.object({
  id: z.string(),
  agency: z.string(),
  /** Epoch ms of the latest message (full or occupancy). */
  ts: z.number(),
  name: z.string(),
  location: z.tuple([z.number(), z.number()]),
  capacity: z.number(),
  occupancy: z.number(),
  /** When the occupancy was last counted, epoch ms. */
  occupancyAt: z.number(),
  status: ShelterStatus,
  facilities: z.array(ShelterFacility).default([]),
  areaM2: z.number().optional(),
  address: z.string().optional(),
  phone: z.string().optional(),
});
export type Shelter = z.infer<typeof Shelter>;

/** Places left: never below zero (an over-full shelter has none). */
export function freeCapacity(s: Pick<Shelter, 'capacity' | 'occupancy'>): number {
  return Math.max(0, s.capacity - s.occupancy);
}

/** Occupancy as a share of capacity, 0–1+ (0 for a shelter of no capacity). */
export function occupancyRatio(s: Pick<Shelter, 'capacity' | 'occupancy'>): number {
  return s.capacity > 0 ? s.occupancy / s.capacity : 0;
}

export interface ShelterNear {
  shelter: Shelter;
  distanceKm: number;
  free: number;
}

/**
 * The open shelters with room for at least `need` more people (1 by default), nearest to `origin`
 * first (straight-line km, 3 decimals; ties by id), at most `limit`. Pure.
 */
export function nearestOpenShelters(
  shelters: Iterable<Shelter>,
  origin: readonly [number, number],
  limit: number,
  need = 1,
): ShelterNear[] {
  const out: ShelterNear[] = [];
  for (const shelter of shelters) {
    const free = freeCapacity(shelter);
    if (shelter.status !== 'open' || free < need) continue;
    out.push({
      shelter,
      free,
      distanceKm: Math.round(distanceKm(origin, shelter.location) * 1000) / 1000,
    });
  }
  return out
    .sort((a, b) => a.distanceKm - b.distanceKm || (a.shelter.id < b.shelter.id ? -1 : 1))
    .slice(0, limit);
}
