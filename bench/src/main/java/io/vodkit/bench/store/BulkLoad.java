package io.vodkit.bench.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Bench-only fast path that fills the queue: inserts uploaded videos, their upload sessions and
 * one queued job each with JDBC batches, a few thousand rows per transaction, straight into the
 * tables of schema version 1 (which the store has already created). What it writes is what
 * {@code createVideo} + {@code enqueue} would, so the store reads it back as its own. Going
 * through the store would take two transactions per job and dominate the run.
 */
final class BulkLoad {
  private static final int ROWS_PER_TRANSACTION = 5_000;

  private static final String VIDEO =
      "INSERT INTO videos (video_id, owner_id, title, description, content_type,"
          + " file_size_bytes, status, duration_seconds, renditions, failure_code,"
          + " failure_message, created_at, updated_at)"
          + " VALUES (?, 'bench', 'bench clip', '', 'video/mp4', 5000000, 'transcoding', NULL,"
          + " '[]', NULL, NULL, ?, ?)";
  private static final String SESSION =
      "INSERT INTO upload_sessions (video_id, upload_id, object_key, file_size_bytes,"
          + " part_size_bytes, upload_url, parts, expires_at)"
          + " VALUES (?, 'bench', ?, 5000000, 5000000, 'https://bench.invalid/put', '[]', ?)";
  private static final String JOB =
      "INSERT INTO transcode_jobs (job_id, video_id, status, renditions, attempt, max_attempts,"
          + " worker_id, locked_until, created_at, started_at, completed_at, failed_at,"
          + " estimated_completion_at, error_code, error_message)"
          + " VALUES (?, ?, 'queued', '[]', 0, 3, NULL, NULL, ?, NULL, NULL, NULL, ?, NULL, NULL)";

  private BulkLoad() {}

  /**
   * Inserts {@code count} queued jobs named {@code tjob_<prefix>_<n>}, created one millisecond
   * apart from {@code createdAt}; returns their ids, oldest first. {@code searchPath} (nullable)
   * is the PostgreSQL schema to insert into.
   */
  static List<String> queuedJobs(
      String jdbcUrl, String searchPath, String prefix, int count, Instant createdAt)
      throws SQLException {
    List<String> ids = new ArrayList<>(count);
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      if (searchPath != null) {
        try (Statement st = c.createStatement()) {
          st.execute("SET search_path TO \"" + searchPath + "\"");
        }
      }
      c.setAutoCommit(false);
      try (PreparedStatement videos = c.prepareStatement(VIDEO);
          PreparedStatement sessions = c.prepareStatement(SESSION);
          PreparedStatement jobs = c.prepareStatement(JOB)) {
        for (int i = 0; i < count; i++) {
          String videoId = String.format("vid_%s_%07d", prefix, i);
          String jobId = String.format("tjob_%s_%07d", prefix, i);
          long created = createdAt.toEpochMilli() + i;
          videos.setString(1, videoId);
          videos.setLong(2, created);
          videos.setLong(3, created);
          videos.addBatch();
          sessions.setString(1, videoId);
          sessions.setString(2, "raw/" + videoId + "/source");
          sessions.setLong(3, created + 3_600_000);
          sessions.addBatch();
          jobs.setString(1, jobId);
          jobs.setString(2, videoId);
          jobs.setLong(3, created);
          jobs.setLong(4, created + 90_000);
          jobs.addBatch();
          ids.add(jobId);
          if ((i + 1) % ROWS_PER_TRANSACTION == 0 || i + 1 == count) {
            videos.executeBatch();
            sessions.executeBatch();
            jobs.executeBatch();
            c.commit();
          }
        }
      }
      try (Statement st = c.createStatement()) {
        st.execute("ANALYZE"); // fresh statistics, as autovacuum would give a long-lived table
      }
      c.commit();
    }
    return ids;
  }
}
