import { ROLES } from '@cc/shared';

/** One metric family in the Prometheus text exposition format. */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: { labels?: Record<string, string>; value: number }[];
}

const escapeLabel = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Renders metric families as Prometheus text format 0.0.4. */
export function formatPrometheus(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels ?? {})
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      lines.push(`${f.name}${labels ? `{${labels}}` : ''} ${formatValue(s.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Age in seconds of a stream entry id (`ms-seq`) at `now`; 0 for an empty stream. */
export function streamIdAgeSeconds(id: string | undefined, now: number): number {
  const ms = Number(id?.split('-')[0]);
  if (!id || !Number.isFinite(ms) || ms === 0) return 0;
  return Math.max(0, (now - ms) / 1000);
}

/** Everything /metrics reports, gathered by the route. */
export interface MetricsInput {
  eventsTotal: number;
  telemetryTotal: number;
  clientsByRole: Record<string, number>;
  eventsLength: number;
  lastEventId: string | undefined;
  rejectsTotal: number;
  /** Stream entries the tail left out because they do not parse. */
  unreadable?: { events: number; telemetry: number };
  now: number;
}

export function productMetrics(m: MetricsInput): MetricFamily[] {
  const roles = [...new Set([...ROLES, ...Object.keys(m.clientsByRole)])].sort();
  return [
    {
      name: 'cc_events_total',
      help: 'Events read from the events stream by this server since it started.',
      type: 'counter',
      samples: [{ value: m.eventsTotal }],
    },
    {
      name: 'cc_telemetry_total',
      help: 'Readings and positions read from the telemetry stream by this server since it started.',
      type: 'counter',
      samples: [{ value: m.telemetryTotal }],
    },
    {
      name: 'cc_clients',
      help: 'Connected Socket.IO clients by role.',
      type: 'gauge',
      samples: roles.map((role) => ({ labels: { role }, value: m.clientsByRole[role] ?? 0 })),
    },
    {
      name: 'cc_events_stream_length',
      help: 'Entries held in the events stream (XLEN).',
      type: 'gauge',
      samples: [{ value: m.eventsLength }],
    },
    {
      name: 'cc_events_last_age_seconds',
      help: 'Age of the newest event in the stream; 0 when empty.',
      type: 'gauge',
      samples: [{ value: streamIdAgeSeconds(m.lastEventId, m.now) }],
    },
    {
      name: 'cc_rejects_total',
      help: 'Refused feed messages held in the rejects stream (XLEN).',
      type: 'counter',
      samples: [{ value: m.rejectsTotal }],
    },
    {
      name: 'cc_unreadable_entries_total',
      help: 'Stream entries this server left out because they do not parse (see its log).',
      type: 'counter',
      samples: (['events', 'telemetry'] as const).map((stream) => ({
        labels: { stream },
        value: m.unreadable?.[stream] ?? 0,
      })),
    },
  ];
}
