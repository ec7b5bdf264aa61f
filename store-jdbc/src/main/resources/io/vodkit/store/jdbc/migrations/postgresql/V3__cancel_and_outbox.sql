-- vodkit metadata store, schema version 3 (PostgreSQL): jobs may be 'cancelled'; the outcome
-- outbox. (The shared V1 let PostgreSQL name the status CHECK transcode_jobs_status_check.)

ALTER TABLE transcode_jobs DROP CONSTRAINT transcode_jobs_status_check;

ALTER TABLE transcode_jobs ADD CONSTRAINT transcode_jobs_status_check CHECK (status IN
  ('queued', 'processing', 'complete', 'partial', 'failed', 'cancelled'));

-- One row per job outcome, written in the transaction that recorded it (see OutboxEvent).
-- dispatched_at: when a notifier took it (NULL until then). No foreign key: events outlive the
-- video they describe.
CREATE TABLE outbox_events (
  seq           BIGSERIAL PRIMARY KEY,
  event_id      TEXT NOT NULL UNIQUE,
  status        TEXT NOT NULL,
  video_id      TEXT NOT NULL,
  owner_id      TEXT NOT NULL,
  job_id        TEXT NOT NULL,
  attempt       INTEGER NOT NULL,
  occurred_at   BIGINT NOT NULL,
  dispatched_at BIGINT
);

CREATE INDEX outbox_events_by_video ON outbox_events (video_id, seq);

CREATE INDEX outbox_events_pending ON outbox_events (dispatched_at, seq);
