package io.vodkit.store.jdbc;

import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.VideoCursor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQL for the {@code videos} and {@code upload_sessions} tables. Every method runs on the
 * connection (and inside the transaction) its caller gives it. Stateless.
 */
final class Videos {
  private static final String INSERT_VIDEO =
      "INSERT INTO videos (" + Rows.VIDEO_COLUMNS + ")"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_SESSION =
      "INSERT INTO upload_sessions (" + Rows.SESSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT_VIDEO =
      "SELECT " + Rows.VIDEO_COLUMNS + " FROM videos WHERE video_id = ?";
  private static final String SELECT_SESSION =
      "SELECT " + Rows.SESSION_COLUMNS + " FROM upload_sessions WHERE video_id = ?";
  private static final String REPLACE_VIDEO_IF_STATUS =
      "UPDATE videos SET owner_id = ?, title = ?, description = ?, content_type = ?,"
          + " file_size_bytes = ?, status = ?, duration_seconds = ?, renditions = ?,"
          + " failure_code = ?, failure_message = ?, created_at = ?, updated_at = ?"
          + " WHERE video_id = ? AND status = ?";

  private static final String PAGE_FIRST =
      "SELECT " + Rows.VIDEO_COLUMNS + " FROM videos WHERE owner_id = ?"
          + " ORDER BY created_at DESC, video_id DESC LIMIT ?";
  private static final String PAGE_AFTER =
      "SELECT " + Rows.VIDEO_COLUMNS + " FROM videos WHERE owner_id = ?"
          + " AND (created_at < ? OR (created_at = ? AND video_id < ?))"
          + " ORDER BY created_at DESC, video_id DESC LIMIT ?";
  private static final String EXPIRED_SESSIONS =
      "SELECT " + Rows.SESSION_COLUMNS + " FROM upload_sessions WHERE expires_at < ?"
          + " AND video_id IN (SELECT video_id FROM videos WHERE status = 'awaiting_upload')"
          + " ORDER BY expires_at, video_id LIMIT ?";

  private Videos() {}

  static List<Video> page(Connection c, String ownerId, VideoCursor after, int limit)
      throws SQLException {
    if (limit < 1) {
      throw VodkitException.invalid("limit", "limit must be at least 1, was " + limit);
    }
    return after == null
        ? Sql.all(c, PAGE_FIRST, Rows::video, ownerId, limit)
        : Sql.all(
            c, PAGE_AFTER, Rows::video, ownerId, after.createdAt(), after.createdAt(),
            after.videoId(), limit);
  }

  static List<UploadSession> expiredSessions(Connection c, Instant now, int limit)
      throws SQLException {
    return Sql.all(c, EXPIRED_SESSIONS, Rows::session, now, limit);
  }

  static void create(Connection c, Video video, UploadSession session) throws SQLException {
    if (!video.id().equals(session.videoId())) {
      throw VodkitException.invalid(
          "session", "upload session of " + session.videoId() + " given for video " + video.id());
    }
    if (Sql.exists(c, "SELECT 1 FROM videos WHERE video_id = ?", video.id())) {
      throw VodkitException.conflict("video " + video.id() + " already exists");
    }
    Sql.update(
        c, INSERT_VIDEO, video.id(), video.ownerId(), video.title(), video.description(),
        video.contentType(), video.fileSizeBytes(), video.status(), video.durationSeconds(),
        JsonColumns.renditions(video.renditions()), video.failureCode(), video.failureMessage(),
        video.createdAt(), video.updatedAt());
    Sql.update(
        c, INSERT_SESSION, session.videoId(), session.uploadId(), session.objectKey(),
        session.fileSizeBytes(), session.partSizeBytes(), session.uploadUrl().toString(),
        JsonColumns.parts(session.parts()), session.expiresAt());
  }

  static Optional<Video> find(Connection c, String videoId) throws SQLException {
    return Sql.one(c, SELECT_VIDEO, Rows::video, videoId);
  }

  static Optional<UploadSession> findSession(Connection c, String videoId) throws SQLException {
    return Sql.one(c, SELECT_SESSION, Rows::session, videoId);
  }

  static boolean replaceIfStatus(Connection c, Video v, VideoStatus expected)
      throws SQLException {
    int changed =
        Sql.update(
            c, REPLACE_VIDEO_IF_STATUS, v.ownerId(), v.title(), v.description(), v.contentType(),
            v.fileSizeBytes(), v.status(), v.durationSeconds(),
            JsonColumns.renditions(v.renditions()), v.failureCode(), v.failureMessage(),
            v.createdAt(), v.updatedAt(), v.id(), expected);
    return changed == 1;
  }

  /** Deletes the video with its job and upload session; false if there was no such video. */
  static boolean delete(Connection c, String videoId) throws SQLException {
    Sql.update(c, "DELETE FROM transcode_jobs WHERE video_id = ?", videoId);
    Sql.update(c, "DELETE FROM upload_sessions WHERE video_id = ?", videoId);
    return Sql.update(c, "DELETE FROM videos WHERE video_id = ?", videoId) == 1;
  }
}
