package io.vodkit.spi;

import io.vodkit.JobStatus;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import java.util.List;
import java.util.Objects;

/**
 * The result a worker records for a job it holds, applied to the job and its video in one
 * transaction.
 *
 * @param status {@code COMPLETE}, {@code PARTIAL} or {@code FAILED}
 * @param renditions final per-rendition progress for the job record
 * @param published renditions to list on the video (empty when failed)
 * @param durationSeconds measured duration, or null if never probed
 * @param errorCode failure code, or null
 * @param errorMessage failure reason, or null
 */
public record JobOutcome(
    JobStatus status,
    List<RenditionProgress> renditions,
    List<Rendition> published,
    Double durationSeconds,
    String errorCode,
    String errorMessage) {
  public JobOutcome {
    Objects.requireNonNull(status, "status");
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("an outcome is terminal, not " + status);
    }
    renditions = List.copyOf(renditions);
    published = List.copyOf(published);
  }

  /** A job that failed for good. */
  public static JobOutcome failed(
      List<RenditionProgress> renditions, Double durationSeconds, String code, String message) {
    return new JobOutcome(JobStatus.FAILED, renditions, List.of(), durationSeconds, code, message);
  }
}
