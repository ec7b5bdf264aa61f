package io.vodkit;

import java.time.Instant;

/**
 * What {@code GET /v1/videos/:id/transcode-status} answers: fine-grained progress for dashboards.
 *
 * @param jobId the job
 * @param status {@code queued}, {@code transcoding} (while processing), {@code complete}, {@code
 *     partial} or {@code failed}
 * @param progressPct 0..100
 * @param currentPass the first rendition not done yet, or null
 * @param passesDone renditions done
 * @param passesTotal renditions planned, skipped ones not counted (0 until the worker has probed
 *     the source)
 * @param etaSeconds estimate from measured speed while processing, else null
 * @param attempt current attempt
 * @param maxAttempts attempts allowed
 * @param completedAt when it completed, or null
 * @param failedAt when it failed, or null
 * @param errorCode failure code, or null
 * @param errorMessage failure reason, or null
 * @param job the full job record
 */
public record TranscodeStatus(
    String jobId,
    String status,
    int progressPct,
    String currentPass,
    int passesDone,
    int passesTotal,
    Long etaSeconds,
    int attempt,
    int maxAttempts,
    Instant completedAt,
    Instant failedAt,
    String errorCode,
    String errorMessage,
    TranscodeJob job) {

  /** Derives the polling view from a job record at time {@code now}. */
  public static TranscodeStatus of(TranscodeJob job, Instant now) {
    int done = 0;
    int total = 0;
    String current = null;
    for (RenditionProgress r : job.renditions()) {
      if (r.state() == RenditionState.SKIPPED) {
        continue; // planned out of the ladder: never a pass
      }
      total++;
      if (r.state() == RenditionState.DONE) {
        done++;
      } else if (current == null && r.state() != RenditionState.FAILED) {
        current = r.quality();
      }
    }
    int pct = job.progressPct();
    Long eta = null;
    if (job.status() == JobStatus.PROCESSING && job.startedAt() != null && pct > 0 && pct < 100) {
      double elapsed = Math.max(0, now.toEpochMilli() - job.startedAt().toEpochMilli()) / 1000.0;
      eta = Math.round(elapsed * (100 - pct) / pct);
    }
    String wire = job.status() == JobStatus.PROCESSING ? "transcoding" : job.status().wireName();
    return new TranscodeStatus(
        job.id(), wire, pct, job.status().isTerminal() ? null : current, done,
        total, eta, job.attempt(), job.maxAttempts(), job.completedAt(),
        job.failedAt(), job.errorCode(), job.errorMessage(), job);
  }
}
