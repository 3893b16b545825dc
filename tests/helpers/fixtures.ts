/** A hazard message as an enterprise would publish it, with one sensor per metric used in tests. */
export function hazardMessage(
  id = 'tank-farm-1',
  ts = new Date(Date.now() - 60_000).toISOString(),
) {
  return {
    id,
    ts,
    name: '液氯储罐区',
    enterprise: '常州测试化工有限公司',
    grade: 1,
    chemicals: [{ name: '液氯', cas: '7782-50-5', tonnes: 120 }],
    location: { type: 'Point', coordinates: [119.93, 31.95] },
    sensors: [
      {
        id: `${id}-lt1`,
        metric: 'level',
        unit: '%',
        thresholds: { high: 85, highHigh: 95, deadband: 2 },
        interval: 5,
      },
      {
        id: `${id}-gas1`,
        metric: 'toxic_ppm',
        unit: 'ppm',
        thresholds: { high: 1, highHigh: 2 },
        interval: 5,
      },
    ],
  };
}

/** Readings at increasing times, one second apart from `start` (ms). */
export function reading(id: string, value: number, tsMs: number) {
  return { id, ts: new Date(tsMs).toISOString(), value };
}
