import { describe, expect, it } from 'vitest';
import { metricsText, processMetrics } from '@cc/shared/node';
import { createProductMetrics, streamIdAgeSeconds } from '../../server/src/query/prometheus';

describe('metrics in Prometheus text format', () => {
  it('reports the product counters, every role even with no client, and the stream lag', async () => {
    const product = createProductMetrics();
    product.update({
      eventsTotal: 12,
      telemetryTotal: 340,
      clientsByRole: { viewer: 2, commander: 1 },
      stream: { eventsLength: 99, lastEventId: '10000-3', rejectsTotal: 4 },
      unreadable: { events: 1, telemetry: 0 },
      now: 12_500,
    });
    const lines = (await product.registry.metrics()).split('\n');
    for (const line of [
      '# TYPE cc_events_total counter',
      'cc_events_total 12',
      'cc_telemetry_total 340',
      'cc_clients{role="viewer"} 2',
      'cc_clients{role="commander"} 1',
      'cc_clients{role="admin"} 0',
      'cc_clients{role="agency"} 0',
      'cc_events_stream_length 99',
      'cc_events_last_age_seconds 2.5',
      'cc_rejects_total 4',
      'cc_unreadable_entries_total{stream="events"} 1',
      'cc_unreadable_entries_total{stream="telemetry"} 0',
    ]) {
      expect(lines).toContain(line);
    }
  });

  it('keeps totals that only grow across scrapes, and reads NaN for what Redis did not answer', async () => {
    const product = createProductMetrics();
    const input = { eventsTotal: 1, telemetryTotal: 2, clientsByRole: {}, now: 5_000 };
    product.update({ ...input, stream: { eventsLength: 3, lastEventId: '1-0', rejectsTotal: 7 } });
    product.update({ ...input, eventsTotal: 4 });
    const text = await product.registry.metrics();
    expect(text).toMatch(/^cc_events_total 4$/m);
    expect(text).toMatch(/^cc_rejects_total 7$/m);
    // prom-client spells it "Nan"; Prometheus reads any case.
    expect(text).toMatch(/^cc_events_stream_length nan$/im);
  });

  it("adds the process's own metrics: event-loop lag, GC, heap, open handles", async () => {
    const text = await metricsText(createProductMetrics().registry, processMetrics());
    for (const name of [
      'nodejs_eventloop_lag_seconds',
      'nodejs_gc_duration_seconds',
      'nodejs_heap_size_used_bytes',
      'nodejs_active_handles_total',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    }
  });

  it('ages an empty stream as 0, never negative', () => {
    expect(streamIdAgeSeconds(undefined, 5)).toBe(0);
    expect(streamIdAgeSeconds('0-0', 5)).toBe(0);
    expect(streamIdAgeSeconds('9000-0', 5_000)).toBe(0);
  });
});
