package io.vodkit.store.jdbc;

import io.vodkit.JobStatus;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads rows of the three tables back into domain records; the column lists to select with are
 * {@link #VIDEO_COLUMNS}, {@link #SESSION_COLUMNS} and {@link #JOB_COLUMNS}. Stateless.
 */
final class Rows {
  static final String VIDEO_COLUMNS =
      "video_id, owner_id, title, description, content_type, file_size_bytes, status,"
          + " duration_seconds, renditions, failure_code, failure_message, created_at, updated_at";

  static final String SESSION_COLUMNS =
      "video_id, upload_id, object_key, file_size_bytes, part_size_bytes, upload_url, parts,"
          + " expires_at";

  static final String JOB_COLUMNS =
      "job_id, video_id, status, renditions, attempt, max_attempts, worker_id, locked_until,"
          + " created_at, started_at, completed_at, failed_at, estimated_completion_at,"
          + " error_code, error_message";

  private Rows() {}

  static Video video(ResultSet row) throws SQLException {
    return new Video(
        row.getString("video_id"),
        row.getString("owner_id"),
        row.getString("title"),
        row.getString("description"),
        row.getString("content_type"),
        row.getLong("file_size_bytes"),
        VideoStatus.fromWire(row.getString("status")),
        Sql.nullableDouble(row, "duration_seconds"),
        JsonColumns.renditions(row.getString("renditions")),
        row.getString("failure_code"),
        row.getString("failure_message"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "updated_at"));
  }

  static UploadSession session(ResultSet row) throws SQLException {
    return new UploadSession(
        row.getString("video_id"),
        row.getString("upload_id"),
        row.getString("object_key"),
        row.getLong("file_size_bytes"),
        row.getLong("part_size_bytes"),
        URI.create(row.getString("upload_url")),
        JsonColumns.parts(row.getString("parts")),
        Sql.instant(row, "expires_at"));
  }

  static TranscodeJob job(ResultSet row) throws SQLException {
    return new TranscodeJob(
        row.getString("job_id"),
        row.getString("video_id"),
        JobStatus.fromWire(row.getString("status")),
        JsonColumns.progress(row.getString("renditions")),
        row.getInt("attempt"),
        row.getInt("max_attempts"),
        row.getString("worker_id"),
        Sql.instant(row, "locked_until"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "started_at"),
        Sql.instant(row, "completed_at"),
        Sql.instant(row, "failed_at"),
        Sql.instant(row, "estimated_completion_at"),
        row.getString("error_code"),
        row.getString("error_message"));
  }
}
