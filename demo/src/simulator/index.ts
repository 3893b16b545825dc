export {
  createSimulator,
  type Simulator,
  type SimulatorOptions,
  type SimulatorStats,
} from './simulator';
export {
  createEngine,
  DEFAULT_EPISODE_SCHEDULE,
  type AgencyReadings,
  type EngineOptions,
  type EpisodeSchedule,
  type SimulationEngine,
} from './engine';
export {
  DEFAULT_EPISODE_TIMING,
  episodeDirections,
  episodeEndMs,
  episodeOffset,
  planEpisode,
  type Episode,
  type EpisodeTiming,
} from './episodes';
export { createRng, type Rng } from './prng';
export { clamp, quantize, REVERSION_PER_S, walkStart, walkStep } from './random-walk';
export { CST_OFFSET_MINUTES, rfc3339 } from './timestamp';
export type { SimLogger } from './connection-report';
export {
  createPicture,
  DEFAULT_PICTURE,
  type Picture,
  type PictureOptions,
} from '../picture/picture';
export type { Outgoing } from '../picture/types';
