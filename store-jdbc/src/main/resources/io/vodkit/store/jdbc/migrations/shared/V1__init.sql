-- vodkit metadata store, schema version 1.
-- Portable SQL (SQLite, PostgreSQL): instants are epoch milliseconds (BIGINT), statuses are
-- wire names (lower snake_case), lists are JSON text. Statements end with ';' at a line end.

CREATE TABLE videos (
  video_id         TEXT PRIMARY KEY,
  owner_id         TEXT NOT NULL,
  title            TEXT NOT NULL,
  description      TEXT NOT NULL,
  content_type     TEXT NOT NULL,
  file_size_bytes  BIGINT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN
                     ('awaiting_upload', 'uploaded', 'transcoding', 'ready', 'partial', 'failed')),
  duration_seconds DOUBLE PRECISION,
  renditions       TEXT NOT NULL,
  failure_code     TEXT,
  failure_message  TEXT,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);

CREATE INDEX videos_by_owner ON videos (owner_id, created_at);

CREATE TABLE upload_sessions (
  video_id        TEXT PRIMARY KEY REFERENCES videos (video_id),
  upload_id       TEXT NOT NULL,
  object_key      TEXT NOT NULL,
  file_size_bytes BIGINT NOT NULL,
  part_size_bytes BIGINT NOT NULL,
  upload_url      TEXT NOT NULL,
  parts           TEXT NOT NULL,
  expires_at      BIGINT NOT NULL
);

CREATE TABLE transcode_jobs (
  job_id                  TEXT PRIMARY KEY,
  video_id                TEXT NOT NULL UNIQUE REFERENCES videos (video_id),
  status                  TEXT NOT NULL CHECK (status IN
                            ('queued', 'processing', 'complete', 'partial', 'failed')),
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

-- claim: oldest queued job first
CREATE INDEX transcode_jobs_queue ON transcode_jobs (status, created_at, job_id);

-- requeueExpired: processing jobs by lease expiry
CREATE INDEX transcode_jobs_leases ON transcode_jobs (status, locked_until);
