-- The archive: every event of the `events` stream, telemetry downsampled for the record, and
-- checkpoints of the whole picture. Written by the archiver alone (archiver/src/archiver.ts),
-- idempotently: a row's key is what it archives (the event's stream id, the reading's sensor
-- and time), so an entry delivered twice is stored once.

-- Every event, keyed by its stream id (`{stream_ms}-{stream_seq}`, the id screens resume from).
CREATE TABLE events (
  stream_ms bigint NOT NULL,
  stream_seq bigint NOT NULL,
  -- When Redis stored it (the stream id's time).
  at timestamptz NOT NULL,
  -- The event as the stream holds it ({kind, op, data} or {kind, op: 'remove', entityId});
  -- an entry that is not JSON is kept as {"unreadable": "<its text>"} with no kind.
  kind text,
  op text,
  entity_id text,
  -- The observation time the event carries (data.ts), when it has one.
  observed_at timestamptz,
  body jsonb NOT NULL,
  PRIMARY KEY (stream_ms, stream_seq)
);
-- Time-range queries (what happened between two moments).
CREATE INDEX events_at ON events (at);
-- Entity queries (an incident's or a unit's history, in time order).
CREATE INDEX events_entity ON events (kind, entity_id, at);

-- Readings and positions for the record: per sensor or vehicle the first one of each sample
-- period (ARCHIVE_SAMPLE_S, `sampled`), plus every alarm-relevant reading (`alarm`: past a
-- threshold, keeping an alarm open, or the first one back to normal).
CREATE TABLE telemetry (
  kind text NOT NULL CHECK (kind IN ('reading', 'position')),
  entity_id text NOT NULL,
  -- Observation time.
  at timestamptz NOT NULL,
  -- The sample period it falls in: floor(observation ms / period ms).
  bucket bigint NOT NULL,
  sampled boolean NOT NULL,
  alarm boolean NOT NULL,
  -- A reading's value, level (normal, H, HH, L, LL) and the alarm it keeps open.
  value double precision,
  level text,
  alarm_id text,
  -- A position's point (WGS-84), heading and speed.
  lng double precision,
  lat double precision,
  heading double precision,
  speed double precision,
  -- Entity queries: one sensor's or vehicle's values between two moments.
  PRIMARY KEY (kind, entity_id, at)
);
-- At most one sample per entity and period, whichever delivery comes first.
CREATE UNIQUE INDEX telemetry_sample ON telemetry (kind, entity_id, bucket) WHERE sampled;
-- Time-range queries (everything observed between two moments).
CREATE INDEX telemetry_at ON telemetry (at);

-- The whole picture every ARCHIVE_SNAPSHOT_S: a checkpoint replay starts from.
CREATE TABLE snapshots (
  taken_at timestamptz PRIMARY KEY,
  -- The last event the picture reflects.
  event_ms bigint NOT NULL,
  event_seq bigint NOT NULL,
  body jsonb NOT NULL
);
