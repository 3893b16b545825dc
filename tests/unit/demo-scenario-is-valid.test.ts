import { describe, expect, it } from 'vitest';
import { AgencyId, HazardMessage } from '@cc/shared';
import { CHANGZHOU_BBOX, CHANGZHOU_SCENARIO, hazardMessage } from '../../demo/src/scenario/index';
import { rfc3339 } from '../../demo/src/simulator/timestamp';

/** Where the scenario may put a hazard source: industrial areas of each district, on land. */
const ZONES = {
  binjiang: { west: 119.93, east: 120.0, south: 31.98, north: 32.04 },
  xinbei: { west: 119.8, east: 120.05, south: 31.8, north: 31.98 },
  wujin: { west: 119.95, east: 120.05, south: 31.63, north: 31.75 },
  jintan: { west: 119.55, east: 119.65, south: 31.7, north: 31.76 },
  liyang: { west: 119.45, east: 119.52, south: 31.38, north: 31.45 },
  city: { west: 119.88, east: 120.05, south: 31.75, north: 31.8 },
};
type Box = (typeof ZONES)[keyof typeof ZONES];

function inside([lon, lat]: readonly [number, number], box: Box): boolean {
  return lon >= box.west && lon <= box.east && lat >= box.south && lat <= box.north;
}

const ts = rfc3339(Date.parse('2025-06-01T06:00:00Z'));
const sites = CHANGZHOU_SCENARIO;

describe('the Changzhou demo scenario', () => {
  it('has at least 22 hazard sources of every grade', () => {
    expect(sites.length).toBeGreaterThanOrEqual(22);
    expect(new Set(sites.map((s) => s.hazard.grade))).toEqual(new Set([1, 2, 3, 4]));
  });

  it.each(sites.map((s) => [s.agency, s] as const))('%s parses as a hazard message', (_, site) => {
    const parsed = HazardMessage.safeParse(hazardMessage(site, ts));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(AgencyId.safeParse(site.agency).success).toBe(true);
    expect(site.hazard.sensors.length).toBeGreaterThanOrEqual(3);
    expect(site.hazard.sensors.length).toBeLessThanOrEqual(6);
  });

  it('declares chemicals with CAS numbers and quantities', () => {
    for (const site of sites) {
      expect(site.hazard.chemicals?.length, site.agency).toBeGreaterThan(0);
      for (const c of site.hazard.chemicals ?? []) {
        expect(c.cas, `${site.agency} ${c.name}`).toMatch(/^\d{2,7}-\d{2}-\d$/);
        expect(c.tonnes, `${site.agency} ${c.name}`).toBeGreaterThan(0);
      }
    }
  });

  it('puts every site on land in Changzhou, most of them in the Binjiang chemical park', () => {
    for (const site of sites) {
      const [lon, lat] = site.hazard.location.coordinates;
      expect(lon, site.agency).toBeGreaterThanOrEqual(CHANGZHOU_BBOX.west);
      expect(lon, site.agency).toBeLessThanOrEqual(CHANGZHOU_BBOX.east);
      expect(lat, site.agency).toBeGreaterThanOrEqual(CHANGZHOU_BBOX.south);
      expect(lat, site.agency).toBeLessThanOrEqual(CHANGZHOU_BBOX.north);
      const zones = Object.values(ZONES).filter((z) => inside([lon, lat], z));
      expect(zones.length, `${site.agency} is in no known industrial zone`).toBeGreaterThan(0);
    }
    const binjiang = sites.filter((s) => inside(s.hazard.location.coordinates, ZONES.binjiang));
    expect(binjiang.length).toBeGreaterThan(sites.length / 3);
  });

  it('uses unique agency, hazard and (per agency) sensor ids', () => {
    expect(new Set(sites.map((s) => s.agency)).size).toBe(sites.length);
    expect(new Set(sites.map((s) => s.hazard.id)).size).toBe(sites.length);
    for (const site of sites) {
      const ids = site.hazard.sensors.map((s) => s.id);
      expect(new Set(ids).size, site.agency).toBe(ids.length);
    }
  });

  it('gives every sensor a profile whose baseline sits well inside the normal band', () => {
    for (const site of sites) {
      expect(Object.keys(site.profiles).sort()).toEqual(
        site.hazard.sensors.map((s) => s.id).sort(),
      );
      for (const sensor of site.hazard.sensors) {
        const where = `${site.agency}:${sensor.id}`;
        const p = site.profiles[sensor.id];
        expect(p, where).toBeDefined();
        if (!p) continue;
        const { high, highHigh, low, lowLow, deadband = 0 } = sensor.thresholds;
        // Four deviations of noise plus the deadband: a quiet plant does not raise alarms.
        const margin = deadband + 4 * p.noise;
        if (high !== undefined) expect(p.baseline, where).toBeLessThan(high - margin);
        if (low !== undefined) expect(p.baseline, where).toBeGreaterThan(low + margin);
        expect(p.baseline, where).toBeGreaterThanOrEqual(p.min);
        expect(p.baseline, where).toBeLessThanOrEqual(p.max);
        // Room past the second-stage threshold, so an episode can reach it.
        if (highHigh !== undefined) expect(p.max, where).toBeGreaterThan(highHigh);
        if (lowLow !== undefined) expect(p.min, where).toBeLessThan(lowLow);
        expect(sensor.interval, where).toBeGreaterThanOrEqual(5);
        expect(sensor.interval, where).toBeLessThanOrEqual(10);
      }
    }
  });
});
