package io.vodkit.store.jdbc;

import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import java.sql.Connection;
import java.sql.SQLException;
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

  private Videos() {}

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
