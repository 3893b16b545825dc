import { describe, expect, it } from 'vitest';
import {
  formatPrometheus,
  productMetrics,
  streamIdAgeSeconds,
} from '../../server/src/query/prometheus';

describe('metrics in Prometheus text format', () => {
  it('renders HELP, TYPE and labelled samples, escaping label values', () => {
    const text = formatPrometheus([
      {
        name: 'x_total',
        help: 'A counter.',
        type: 'counter',
        samples: [{ value: 3 }, { labels: { role: 'a"b\\c' }, value: 1.5 }],
      },
    ]);
    expect(text).toBe(
      '# HELP x_total A counter.\n# TYPE x_total counter\nx_total 3\nx_total{role="a\\"b\\\\c"} 1.5\n',
    );
  });

  it('reports the product counters, every role even with no client, and the stream lag', () => {
    const text = formatPrometheus(
      productMetrics({
        eventsTotal: 12,
        telemetryTotal: 340,
        clientsByRole: { viewer: 2, commander: 1 },
        eventsLength: 99,
        lastEventId: '10000-3',
        rejectsTotal: 4,
        now: 12_500,
      }),
    );
    const lines = text.split('\n');
    for (const line of [
      'cc_events_total 12',
      'cc_telemetry_total 340',
      'cc_clients{role="viewer"} 2',
      'cc_clients{role="commander"} 1',
      'cc_clients{role="admin"} 0',
      'cc_clients{role="agency"} 0',
      'cc_events_stream_length 99',
      'cc_events_last_age_seconds 2.5',
      'cc_rejects_total 4',
    ]) {
      expect(lines).toContain(line);
    }
  });

  it('ages an empty stream as 0, never negative', () => {
    expect(streamIdAgeSeconds(undefined, 5)).toBe(0);
    expect(streamIdAgeSeconds('0-0', 5)).toBe(0);
    expect(streamIdAgeSeconds('9000-0', 5_000)).toBe(0);
  });
});
