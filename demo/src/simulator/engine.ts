import type { z } from 'zod';
import type { HazardMessage, ReadingMessage, Thresholds } from '@cc/shared';
import { hazardMessage } from '../scenario/index';
import type { ScenarioSite, SensorProfile } from '../scenario/types';
import {
  DEFAULT_EPISODE_TIMING,
  episodeDirections,
  episodeEndMs,
  episodeOffset,
  planEpisode,
  type Episode,
  type EpisodeTiming,
} from './episodes';
import { createRng } from './prng';
import { clamp, quantize, walkStart, walkStep } from './random-walk';
import { CST_OFFSET_MINUTES, rfc3339 } from './timestamp';

/** When scripted episodes start and how many run at once. */
export interface EpisodeSchedule {
  maxConcurrent: number;
  /** Time between one episode's start and the next, as a [min, max) range in ms. */
  gapMs: readonly [number, number];
  /** Delay before the first episode, so a fresh demo shows an alarm quickly. */
  firstAfterMs: number;
  /** Share of episodes that go low on sensors that also have low thresholds. */
  lowShare: number;
  timing: EpisodeTiming;
}

export const DEFAULT_EPISODE_SCHEDULE: EpisodeSchedule = {
  maxConcurrent: 3,
  gapMs: [20_000, 40_000],
  firstAfterMs: 5_000,
  lowShare: 0.25,
  timing: DEFAULT_EPISODE_TIMING,
};

export interface EngineOptions {
  sites: readonly ScenarioSite[];
  seed: number;
  /** `false` runs the normal random walk only. */
  episodes?: Partial<EpisodeSchedule> | false;
  utcOffsetMinutes?: number;
}

export interface AgencyReadings {
  agency: string;
  readings: ReadingMessage[];
}

/** The pure core of the simulator: values as a function of a seed and the clock, no I/O. */
export interface SimulationEngine {
  readonly agencies: readonly string[];
  /** The hazard messages an agency publishes, stamped with `nowMs`. */
  hazards(agency: string, nowMs: number): Array<z.input<typeof HazardMessage>>;
  /** Advances every sensor to `nowMs`; one batch of readings per agency. */
  tick(nowMs: number): AgencyReadings[];
  /** Starts an episode on one sensor (`{agency}:{sensorId}`) now. */
  startEpisode(key: string, nowMs: number, direction?: Episode['direction']): Episode;
  activeEpisodes(): readonly Episode[];
}

interface SensorState {
  key: string;
  id: string;
  thresholds: Thresholds;
  profile: SensorProfile;
  /** The normal process value, before any episode offset. */
  value: number;
}

export function createEngine(options: EngineOptions): SimulationEngine {
  const rng = createRng(options.seed);
  const offset = options.utcOffsetMinutes ?? CST_OFFSET_MINUTES;
  const schedule =
    options.episodes === false ? undefined : { ...DEFAULT_EPISODE_SCHEDULE, ...options.episodes };
  const byAgency = new Map<string, { sites: ScenarioSite[]; sensors: SensorState[] }>();
  const sensors = new Map<string, SensorState>();

  for (const site of options.sites) {
    const group = byAgency.get(site.agency) ?? { sites: [], sensors: [] };
    byAgency.set(site.agency, group);
    group.sites.push(site);
    for (const spec of site.hazard.sensors) {
      const key = `${site.agency}:${spec.id}`;
      const profile = site.profiles[spec.id];
      if (!profile) throw new Error(`sensor ${key} has no simulation profile`);
      if (sensors.has(key)) throw new Error(`sensor ${key} is defined twice`);
      const state = { key, id: spec.id, thresholds: spec.thresholds, profile, value: 0 };
      state.value = walkStart(profile, rng);
      sensors.set(key, state);
      group.sensors.push(state);
    }
  }

  const episodes = new Map<string, Episode>();
  let lastMs: number | undefined;
  let nextEpisodeMs: number | undefined;

  function startEpisode(key: string, nowMs: number, direction?: Episode['direction']): Episode {
    const s = sensors.get(key);
    if (!s) throw new RangeError(`unknown sensor ${key}`);
    const directions = episodeDirections(s.thresholds);
    const wantLow = schedule !== undefined && rng.next() < schedule.lowShare;
    const chosen = direction ?? (wantLow && directions.includes('low') ? 'low' : directions[0]);
    if (chosen === undefined) throw new RangeError(`sensor ${key} has no thresholds`);
    const timing = schedule?.timing ?? DEFAULT_EPISODE_TIMING;
    const episode = planEpisode(rng, key, chosen, s.thresholds, s.profile, nowMs, timing);
    episodes.set(key, episode);
    return episode;
  }

  function scheduleEpisodes(nowMs: number): void {
    for (const [key, e] of episodes) if (nowMs >= episodeEndMs(e)) episodes.delete(key);
    if (!schedule) return;
    nextEpisodeMs ??= nowMs + schedule.firstAfterMs;
    // At capacity the next start waits for a running episode to end.
    if (nowMs < nextEpisodeMs || episodes.size >= schedule.maxConcurrent) return;
    const idle = [...sensors.values()].filter(
      (s) => !episodes.has(s.key) && episodeDirections(s.thresholds).length > 0,
    );
    if (idle.length === 0) return;
    startEpisode(rng.pick(idle).key, nowMs);
    nextEpisodeMs = nowMs + rng.uniform(...schedule.gapMs);
  }

  function reading(s: SensorState, nowMs: number): number {
    const e = episodes.get(s.key);
    const raw = s.value + (e ? episodeOffset(e, nowMs) : 0);
    return quantize(clamp(raw, s.profile), s.profile);
  }

  return {
    agencies: [...byAgency.keys()],
    hazards(agency, nowMs) {
      const ts = rfc3339(nowMs, offset);
      return (byAgency.get(agency)?.sites ?? []).map((site) => hazardMessage(site, ts));
    },
    tick(nowMs) {
      const dtS = lastMs === undefined ? 0 : (nowMs - lastMs) / 1000;
      lastMs = nowMs;
      scheduleEpisodes(nowMs);
      const ts = rfc3339(nowMs, offset);
      return [...byAgency].map(([agency, group]) => ({
        agency,
        readings: group.sensors.map((s) => {
          s.value = walkStep(s.value, s.profile, dtS, rng);
          return { id: s.id, ts, value: reading(s, nowMs) };
        }),
      }));
    },
    startEpisode,
    activeEpisodes: () => [...episodes.values()],
  };
}
