-- vodkit view counts, schema version 2 (io.vodkit.store.jdbc.views.JdbcViewStore).
-- Portable SQL (SQLite, PostgreSQL). Every statement is IF NOT EXISTS because JdbcViewStore also
-- runs this script itself when it opens a database that no JdbcStore has migrated.
-- Instants are epoch milliseconds (BIGINT); days are ISO dates ('2026-06-20', UTC) in TEXT.

-- All-time qualified views per video: what GET /v1/videos/:id shows as view_count.
CREATE TABLE IF NOT EXISTS view_totals (
  video_id   TEXT PRIMARY KEY,
  views      BIGINT NOT NULL CHECK (views >= 0),
  updated_at BIGINT NOT NULL
);

-- Qualified views per video per UTC clock hour (hour_start: epoch ms of the hour): views in
-- the last 24 hours, and history.
CREATE TABLE IF NOT EXISTS view_hours (
  video_id   TEXT NOT NULL,
  hour_start BIGINT NOT NULL,
  views      BIGINT NOT NULL CHECK (views >= 0),
  PRIMARY KEY (video_id, hour_start)
);

-- Unique viewers per video per UTC day: the estimate, and (embedded) the HyperLogLog sketch it
-- came from as base64 text, NULL when the sketch lives elsewhere (Redis). version guards the
-- sketch's read-merge-write against a concurrent flush (optimistic, no row lock syntax needed).
CREATE TABLE IF NOT EXISTS view_uniques (
  video_id TEXT NOT NULL,
  day      TEXT NOT NULL,
  viewers  BIGINT NOT NULL CHECK (viewers >= 0),
  sketch   TEXT,
  version  BIGINT NOT NULL,
  PRIMARY KEY (video_id, day)
);

-- Flush ids applied, written in the same transaction as their increments: a retried flush
-- finds its id here and adds nothing.
CREATE TABLE IF NOT EXISTS view_flushes (
  flush_id   TEXT PRIMARY KEY,
  applied_at BIGINT NOT NULL
);

-- pruning old flush ids and hours
CREATE INDEX IF NOT EXISTS view_flushes_by_time ON view_flushes (applied_at);
CREATE INDEX IF NOT EXISTS view_hours_by_time ON view_hours (hour_start);
