-- vodkit metadata store, schema version 3 (SQLite): jobs may be 'cancelled'; the outcome outbox.
-- SQLite cannot change a CHECK constraint in place, so transcode_jobs is rebuilt (same columns,
-- same order, same indexes).

CREATE TABLE transcode_jobs_v3 (
  job_id                  TEXT PRIMARY KEY,
  video_id                TEXT NOT NULL UNIQUE REFERENCES videos (video_id),
  status                  TEXT NOT NULL CHECK (status IN
                            ('queued', 'processing', 'complete', 'partial', 'failed', 'cancelled')),
  renditions              TEXT NOT NULL,
  attempt                 INTEGER NOT NULL CHECK (attempt >= 0),
  max_attempts            INTEGER NOT NULL CHECK (max_attempts >= 1),
  worker_id               TEXT,
  locked_until            BIGINT,
  created_at              BIGINT NOT NULL,
  started_at              BIGINT,
  completed_at            BIGINT,
  failed_at               BIGINT,
  estimated_completion_at BIGINT,
  error_code              TEXT,
  error_message           TEXT
);

INSERT INTO transcode_jobs_v3 SELECT * FROM transcode_jobs;

DROP TABLE transcode_jobs;

ALTER TABLE transcode_jobs_v3 RENAME TO transcode_jobs;

CREATE INDEX transcode_jobs_queue ON transcode_jobs (status, created_at, job_id);

CREATE INDEX transcode_jobs_leases ON transcode_jobs (status, locked_until);

-- One row per job outcome, written in the transaction that recorded it (see OutboxEvent).
-- dispatched_at: when a notifier took it (NULL until then). No foreign key: events outlive the
-- video they describe.
CREATE TABLE outbox_events (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
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
