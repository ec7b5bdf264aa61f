package io.vodkit.spi;

import io.vodkit.JobStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A job's outcome, written to the store's outbox in the same transaction that recorded it, so a
 * notifier (webhooks) can never miss an outcome nor announce one that was rolled back. A job has
 * at most one: the store writes it on the job's single move to a terminal status ({@link
 * MetadataStore#finish}, a {@link MetadataStore#release} or {@link
 * MetadataStore#requeueExpired} that uses the last attempt, {@link MetadataStore#cancel}).
 *
 * @param eventId {@code evt_{job_id}_{attempt}}: stable, so receivers can drop redeliveries
 * @param status the job's terminal status
 * @param videoId the video
 * @param ownerId the video's owner (whose webhook endpoints hear it)
 * @param jobId the job
 * @param attempt the attempt that ended the job (0 for a job cancelled before any claim)
 * @param occurredAt when the outcome was recorded
 */
public record OutboxEvent(
    String eventId,
    JobStatus status,
    String videoId,
    String ownerId,
    String jobId,
    int attempt,
    Instant occurredAt) {
  public OutboxEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(status, "status");
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("an outbox event records a terminal status, not " + status);
    }
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }

  /** The event id of a job's outcome: {@code evt_{jobId}_{attempt}}. */
  public static String idFor(String jobId, int attempt) {
    return "evt_" + jobId + "_" + attempt;
  }
}
