package io.vodkit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The transcode job record (the spec's rubric): identity, status, per-rendition progress, retry
 * tracking, the lease, and audit timestamps.
 *
 * @param id {@code tjob_…}
 * @param videoId the video being transcoded
 * @param status lifecycle state
 * @param renditions per-rendition status and progress (empty until the ladder is planned)
 * @param attempt how many times a worker has claimed the job (0 while never claimed)
 * @param maxAttempts claims allowed before the job fails
 * @param workerId the worker holding the lease, or null
 * @param lockedUntil lease expiry, or null when not leased
 * @param createdAt when publish enqueued it
 * @param startedAt first claim, or null
 * @param completedAt when it ended complete or partial, or null
 * @param failedAt when it failed or was cancelled, or null
 * @param estimatedCompletionAt publish-time estimate of completion
 * @param errorCode last error code (even if a later attempt succeeded), or null
 * @param errorMessage last error message, or null
 */
public record TranscodeJob(
    String id,
    String videoId,
    JobStatus status,
    List<RenditionProgress> renditions,
    int attempt,
    int maxAttempts,
    String workerId,
    Instant lockedUntil,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Instant failedAt,
    Instant estimatedCompletionAt,
    String errorCode,
    String errorMessage) {
  public TranscodeJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(status, "status");
    renditions = List.copyOf(renditions == null ? List.of() : renditions);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A fresh queued job. */
  public static TranscodeJob queued(
      String id, String videoId, int maxAttempts, Instant now, Instant estimatedCompletionAt) {
    return new TranscodeJob(
        id, videoId, JobStatus.QUEUED, List.of(), 0, maxAttempts, null, null, now, null, null, null,
        estimatedCompletionAt, null, null);
  }

  /** The lease the current holder works under; only meaningful while processing. */
  public JobLease lease() {
    return new JobLease(id, workerId, attempt);
  }

  /** Overall progress 0..100: the mean of the renditions' progress (skipped ones not counted). */
  public int progressPct() {
    if (status.isTerminal()) {
      return status == JobStatus.FAILED || status == JobStatus.CANCELLED ? meanPct() : 100;
    }
    return meanPct();
  }

  private int meanPct() {
    return (int)
        Math.floor(
            renditions.stream()
                .filter(r -> r.state() != RenditionState.SKIPPED)
                .mapToInt(RenditionProgress::pct)
                .average()
                .orElse(0));
  }

}
