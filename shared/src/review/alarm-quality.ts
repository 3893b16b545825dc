/** Alarm-quality analytics (`GET /api/v1/review/alarm-quality`); see server/src/review/alarm-quality.ts. */

export interface SensorQuality {
  sensorId: string;
  hazardId: string | null;
  enterprise: string | null;
  alarms: number;
  perDay: number;
  /** Times it raised and cleared ≥ 3 times within 10 minutes (windows counted without overlap). */
  chatterEpisodes: number;
  standing: number;
  medianToAcknowledgeMs: number | null;
  medianToDisposeMs: number | null;
}

export interface EnterpriseQuality {
  enterprise: string;
  alarms: number;
  perDay: number;
  perHour: number;
  chatteringSensors: number;
  standing: number;
  medianToAcknowledgeMs: number | null;
  medianToDisposeMs: number | null;
}

export interface AlarmQuality {
  from: number;
  to: number;
  alarms: number;
  perHour: number;
  per10Min: number;
  /** The busiest 10 minutes. */
  peak10Min: number;
  benchmark: {
    manageablePerHour: number;
    targetPer10Min: number;
    manageable: boolean;
    onTarget: boolean;
  };
  medianToAcknowledgeMs: number | null;
  medianToDisposeMs: number | null;
  sensors: SensorQuality[];
  enterprises: EnterpriseQuality[];
  /** The ten worst sensors: most alarms, then most chatter, then most standing. */
  worst: SensorQuality[];
  staleSensors: {
    sensorId: string;
    hazardId: string;
    enterprise: string;
    lastReadingAt: number | null;
  }[];
  /** Alarms per day, for the chart. */
  perDayCounts: { day: number; alarms: number }[];
}
