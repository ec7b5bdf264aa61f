package io.vodkit;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a video, delivered to {@link PipelineListener}s on the thread that
 * caused it (keep listeners fast).
 *
 * @param type what happened
 * @param videoId the video
 * @param jobId the job, or null for upload events
 * @param at when
 */
public record PipelineEvent(Type type, String videoId, String jobId, Instant at) {
  /** Event types. */
  public enum Type {
    UPLOAD_COMPLETED,
    UPLOAD_EXPIRED,
    UPLOAD_REJECTED,
    JOB_QUEUED,
    JOB_STARTED,
    JOB_PROGRESS,
    JOB_RETRYING,
    VIDEO_READY,
    VIDEO_PARTIAL,
    VIDEO_FAILED,
    JOB_CANCELLED,
    VIDEO_DELETED
  }

  public PipelineEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(at, "at");
  }
}
