import { describe, expect, it } from 'vitest';
import { evaluateReading, type Alarm, type Reading, type Sensor } from '@cc/shared';

const sensor: Sensor = {
  id: 'ent:lt1',
  hazardId: 'ent:h1',
  metric: 'level',
  unit: '%',
  thresholds: { high: 85, highHigh: 95, low: 10, deadband: 2 },
  interval: 5,
};

/** Feeds values one per second and returns every alarm change in order. */
function run(values: number[]) {
  let reading: Reading | undefined;
  let alarm: Alarm | undefined;
  const changes: Alarm[] = [];
  values.forEach((v, i) => {
    const r = evaluateReading(sensor, 'ent', { reading, alarm }, 1000 * (i + 1), v);
    reading = r.reading;
    for (const a of r.alarms) {
      changes.push(a);
      alarm = a.status === 'active' ? a : undefined;
    }
  });
  return { changes, reading: reading!, alarm };
}

describe('alarm lifecycle', () => {
  it('raises once, escalates, eases and clears the same alarm', () => {
    const { changes, reading, alarm } = run([50, 86, 90, 96, 97, 92, 80]);
    expect(changes.map((a) => [a.status, a.level, a.peak])).toEqual([
      ['active', 'H', 'H'],
      ['active', 'HH', 'HH'],
      ['active', 'H', 'HH'],
      ['cleared', 'H', 'HH'],
    ]);
    expect(new Set(changes.map((a) => a.id))).toEqual(new Set(['ent:lt1@2000']));
    expect(changes[0]).toMatchObject({ raisedAt: 2000, raisedValue: 86, hazardId: 'ent:h1' });
    expect(changes[3]).toMatchObject({ clearedAt: 7000, lastValue: 80 });
    expect(reading).toEqual({ id: 'ent:lt1', ts: 7000, value: 80, level: 'normal' });
    expect(alarm).toBeUndefined();
  });

  it('keeps the alarm id on the reading while it is open', () => {
    const { reading } = run([50, 96]);
    expect(reading.alarmId).toBe('ent:lt1@2000');
  });

  it('treats a jump from high to low as two alarms', () => {
    const { changes } = run([96, 5]);
    expect(changes.map((a) => [a.id, a.status, a.level])).toEqual([
      ['ent:lt1@1000', 'active', 'HH'],
      ['ent:lt1@1000', 'cleared', 'HH'],
      ['ent:lt1@2000', 'active', 'L'],
    ]);
  });

  it('says nothing while the level stays the same', () => {
    expect(run([90, 91, 92, 90]).changes).toHaveLength(1);
    expect(run([50, 60, 70]).changes).toHaveLength(0);
  });
});
