package io.vodkit.store.jdbc;

import io.vodkit.ErrorCode;
import io.vodkit.JobLease;
import io.vodkit.JobStatus;
import io.vodkit.RenditionProgress;
import io.vodkit.TranscodeJob;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.JobOutcome;
import io.vodkit.spi.OutboxEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for the {@code transcode_jobs} queue and the video updates that go with its transitions.
 * Every method runs on the connection (and inside the transaction) its caller gives it; each
 * change is guarded by the state it expects (the lease, {@code status = 'processing'}), so a
 * concurrent caller that got there first makes it a no-op rather than a double transition.
 * Stateless.
 *
 * <p>A job leaving {@code processing} always clears {@code worker_id} and {@code locked_until}
 * (nobody holds it any more); {@code error_code}/{@code error_message} keep the last error even
 * when a later attempt succeeds. Every move to a terminal status also writes the job's {@link
 * OutboxEvent} ({@code outbox_events}) in the caller's transaction.
 */
final class Jobs {
  /** Error code recorded when a lease runs out before its worker renewed or finished it. */
  static final String LEASE_EXPIRED = "lease_expired";

  /** Error code of a cancelled job and its video. */
  static final String CANCELLED = ErrorCode.CANCELLED.wireName();

  private static final String INSERT =
      "INSERT INTO transcode_jobs (" + Rows.JOB_COLUMNS + ")"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT = "SELECT " + Rows.JOB_COLUMNS + " FROM transcode_jobs";
  /** The claim in one statement; {@code %s} is the dialect's row-locking clause. */
  private static final String CLAIM =
      "UPDATE transcode_jobs SET status = 'processing', attempt = attempt + 1, worker_id = ?,"
          + " locked_until = ?, started_at = COALESCE(started_at, ?)"
          + " WHERE job_id = (SELECT job_id FROM transcode_jobs WHERE status = 'queued'"
          + " ORDER BY created_at, job_id LIMIT 1%s) AND status = 'queued'"
          + " RETURNING " + Rows.JOB_COLUMNS;

  /** Matches the job only while this lease holds it: (job_id, worker_id, attempt). */
  private static final String HELD =
      " WHERE job_id = ? AND worker_id = ? AND attempt = ? AND status = 'processing'";
  /** As {@link #HELD}, and only if the lease has ended before the given instant. */
  private static final String EXPIRED = HELD + " AND locked_until < ?";

  private static final String TO_QUEUED =
      "UPDATE transcode_jobs SET status = 'queued', worker_id = NULL, locked_until = NULL,"
          + " error_code = ?, error_message = ?";
  private static final String TO_FAILED =
      "UPDATE transcode_jobs SET status = 'failed', worker_id = NULL, locked_until = NULL,"
          + " failed_at = ?, error_code = ?, error_message = ?";
  private static final String TO_OUTCOME =
      "UPDATE transcode_jobs SET status = ?, renditions = ?, worker_id = NULL,"
          + " locked_until = NULL, completed_at = ?, failed_at = ?,"
          + " error_code = COALESCE(?, error_code), error_message = COALESCE(?, error_message)";
  private static final String TO_CANCELLED =
      "UPDATE transcode_jobs SET status = 'cancelled', worker_id = NULL, locked_until = NULL,"
          + " failed_at = ?, error_code = ?, error_message = ?"
          + " WHERE job_id = ? AND status IN ('queued', 'processing')";
  /** The outcome event of the job named by the last parameter, at its current attempt. */
  private static final String INSERT_EVENT =
      "INSERT INTO outbox_events (event_id, status, video_id, owner_id, job_id, attempt,"
          + " occurred_at) SELECT ?, j.status, v.video_id, v.owner_id, j.job_id, j.attempt, ?"
          + " FROM transcode_jobs j JOIN videos v ON v.video_id = j.video_id WHERE j.job_id = ?";
  private static final String EVENT_COLUMNS =
      "event_id, status, video_id, owner_id, job_id, attempt, occurred_at";
  private static final String VIDEO_OF_JOB =
      " WHERE video_id = (SELECT video_id FROM transcode_jobs WHERE job_id = ?)";
  private static final String VIDEO_TO_OUTCOME =
      "UPDATE videos SET status = ?, renditions = ?,"
          + " duration_seconds = COALESCE(?, duration_seconds), failure_code = ?,"
          + " failure_message = ?, updated_at = ?" + VIDEO_OF_JOB;
  private static final String VIDEO_TO_FAILED =
      "UPDATE videos SET status = 'failed', failure_code = ?, failure_message = ?,"
          + " updated_at = ?" + VIDEO_OF_JOB;

  /** Tells waiting workers, in this and other processes, that the transaction queued jobs. */
  @FunctionalInterface
  interface Announcer {
    void announce(Connection c) throws SQLException;
  }

  private Jobs() {}

  static Optional<TranscodeJob> find(Connection c, String jobId) throws SQLException {
    return Sql.one(c, SELECT + " WHERE job_id = ?", Rows::job, jobId);
  }

  static Optional<TranscodeJob> findForVideo(Connection c, String videoId) throws SQLException {
    return Sql.one(c, SELECT + " WHERE video_id = ?", Rows::job, videoId);
  }

  /**
   * Returns the video's existing job, or inserts {@code job} and returns it as given (full
   * {@link Instant} precision, so a caller can tell its own new job by {@code createdAt}). The
   * video row is read with {@code rowLock} first, so concurrent publishes of one video queue up
   * behind each other and the later ones find the job the first one inserted.
   */
  static TranscodeJob enqueue(Connection c, String rowLock, TranscodeJob job, Announcer announcer)
      throws SQLException {
    VideoStatus status =
        Sql.one(
                c, "SELECT status FROM videos WHERE video_id = ?" + rowLock,
                row -> VideoStatus.fromWire(row.getString("status")), job.videoId())
            .orElseThrow(() -> VodkitException.notFound("video " + job.videoId()));
    Optional<TranscodeJob> existing = findForVideo(c, job.videoId());
    if (existing.isPresent()) {
      return existing.get();
    }
    if (status != VideoStatus.UPLOADED) {
      throw VodkitException.conflict(
          "video " + job.videoId() + " is " + status.wireName() + "; only an uploaded video can"
              + " be published");
    }
    Sql.update(
        c, INSERT, job.id(), job.videoId(), job.status(), JsonColumns.progress(job.renditions()),
        job.attempt(), job.maxAttempts(), job.workerId(), job.lockedUntil(), job.createdAt(),
        job.startedAt(), job.completedAt(), job.failedAt(), job.estimatedCompletionAt(),
        job.errorCode(), job.errorMessage());
    Sql.update(
        c, "UPDATE videos SET status = ?, updated_at = ? WHERE video_id = ?",
        VideoStatus.TRANSCODING, job.createdAt(), job.videoId());
    if (job.status() == JobStatus.QUEUED) {
      announcer.announce(c);
    }
    return job;
  }

  /**
   * Leases the oldest queued job in one statement; {@code lockSuffix} is the dialect's
   * row-locking clause (PostgreSQL: {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers each
   * take a different row without waiting; a row another claimer changed meanwhile no longer
   * matches {@code status = 'queued'} and is skipped). One statement, so it may run in
   * auto-commit.
   */
  static Optional<TranscodeJob> claim(
      Connection c, String lockSuffix, String workerId, Instant now, Instant lockedUntil)
      throws SQLException {
    return Sql.one(c, String.format(CLAIM, lockSuffix), Rows::job, workerId, lockedUntil, now);
  }

  /** Extends a held lease; one statement, so it may run in auto-commit. */
  static boolean renew(
      Connection c, JobLease lease, Instant lockedUntil, List<RenditionProgress> progress)
      throws SQLException {
    int changed =
        progress.isEmpty()
            ? Sql.update(
                c, "UPDATE transcode_jobs SET locked_until = ?" + HELD, lockedUntil,
                lease.jobId(), lease.workerId(), lease.attempt())
            : Sql.update(
                c, "UPDATE transcode_jobs SET locked_until = ?, renditions = ?" + HELD,
                lockedUntil, JsonColumns.progress(progress), lease.jobId(), lease.workerId(),
                lease.attempt());
    return changed == 1;
  }

  static boolean finish(Connection c, JobLease lease, JobOutcome outcome, Instant now)
      throws SQLException {
    boolean failed = outcome.status() == JobStatus.FAILED;
    int changed =
        Sql.update(
            c, TO_OUTCOME + HELD, outcome.status(), JsonColumns.progress(outcome.renditions()),
            failed ? null : now, failed ? now : null, outcome.errorCode(), outcome.errorMessage(),
            lease.jobId(), lease.workerId(), lease.attempt());
    if (changed != 1) {
      return false;
    }
    Sql.update(
        c, VIDEO_TO_OUTCOME, outcome.status().videoStatus(),
        JsonColumns.renditions(outcome.published()), outcome.durationSeconds(),
        outcome.errorCode(), outcome.errorMessage(), now, lease.jobId());
    recordOutcomeEvent(c, lease.jobId(), lease.attempt(), now);
    return true;
  }

  static boolean release(
      Connection c, JobLease lease, String errorCode, String errorMessage, Instant now,
      Announcer announcer)
      throws SQLException {
    Optional<Boolean> attemptsLeft =
        Sql.one(
            c, "SELECT attempt, max_attempts FROM transcode_jobs" + HELD,
            row -> row.getInt("attempt") < row.getInt("max_attempts"),
            lease.jobId(), lease.workerId(), lease.attempt());
    if (attemptsLeft.isEmpty()) {
      return false;
    }
    if (attemptsLeft.get()) {
      if (Sql.update(
              c, TO_QUEUED + HELD, errorCode, errorMessage,
              lease.jobId(), lease.workerId(), lease.attempt())
          != 1) {
        return false;
      }
      announcer.announce(c);
      return true;
    }
    if (Sql.update(
            c, TO_FAILED + HELD, now, errorCode, errorMessage,
            lease.jobId(), lease.workerId(), lease.attempt())
        != 1) {
      return false;
    }
    failVideo(c, lease.jobId(), errorCode, errorMessage, now);
    return true;
  }

  /** Requeues a held job with its claim undone (attempt − 1); no error, no outcome. */
  static boolean handBack(Connection c, JobLease lease, Announcer announcer) throws SQLException {
    int changed =
        Sql.update(
            c,
            "UPDATE transcode_jobs SET status = 'queued', attempt = attempt - 1, worker_id = NULL,"
                + " locked_until = NULL" + HELD,
            lease.jobId(), lease.workerId(), lease.attempt());
    if (changed != 1) {
      return false;
    }
    announcer.announce(c);
    return true;
  }

  /** One expired lease found by the sweep. */
  private record Expired(JobLease lease, int maxAttempts, Instant lockedUntil) {}

  /**
   * Requeues (or fails) every lease that ended before {@code now}. The rows are picked with
   * {@code lockSuffix}, so concurrent sweeps split the expired jobs instead of waiting on each
   * other, and each change is guarded by the lease it found, so a job is touched once.
   */
  static int requeueExpired(Connection c, String lockSuffix, Instant now, Announcer announcer)
      throws SQLException {
    List<Expired> expired =
        Sql.all(
            c,
            "SELECT job_id, worker_id, attempt, max_attempts, locked_until FROM transcode_jobs"
                + " WHERE status = 'processing' AND locked_until < ?" + lockSuffix,
            row ->
                new Expired(
                    new JobLease(
                        row.getString("job_id"), row.getString("worker_id"), row.getInt("attempt")),
                    row.getInt("max_attempts"),
                    Sql.instant(row, "locked_until")),
            now);
    int touched = 0;
    int requeued = 0;
    for (Expired e : expired) {
      Swept result = expire(c, e, now);
      touched += result == Swept.UNTOUCHED ? 0 : 1;
      requeued += result == Swept.REQUEUED ? 1 : 0;
    }
    if (requeued > 0) {
      announcer.announce(c);
    }
    return touched;
  }

  /** What the sweep did to one expired lease. */
  private enum Swept {
    REQUEUED,
    FAILED,
    UNTOUCHED
  }

  private static Swept expire(Connection c, Expired e, Instant now) throws SQLException {
    JobLease lease = e.lease();
    String message =
        "lease of worker " + lease.workerId() + " on attempt " + lease.attempt() + " of "
            + e.maxAttempts() + " expired at " + e.lockedUntil();
    if (lease.attempt() < e.maxAttempts()) {
      int changed =
          Sql.update(
              c, TO_QUEUED + EXPIRED, LEASE_EXPIRED, message,
              lease.jobId(), lease.workerId(), lease.attempt(), now);
      return changed == 1 ? Swept.REQUEUED : Swept.UNTOUCHED;
    }
    if (Sql.update(
            c, TO_FAILED + EXPIRED, now, LEASE_EXPIRED, message,
            lease.jobId(), lease.workerId(), lease.attempt(), now)
        != 1) {
      return Swept.UNTOUCHED;
    }
    failVideo(c, lease.jobId(), LEASE_EXPIRED, "transcode failed: " + message, now);
    return Swept.FAILED;
  }

  /**
   * Cancels a queued or processing job and fails its video; false if the job is already
   * terminal, NOT_FOUND if there is no such job.
   */
  static boolean cancel(Connection c, String jobId, String reason, Instant now)
      throws SQLException {
    Optional<TranscodeJob> job = find(c, jobId);
    if (job.isEmpty()) {
      throw VodkitException.notFound("job " + jobId);
    }
    if (Sql.update(c, TO_CANCELLED, now, CANCELLED, reason, jobId) != 1) {
      return false;
    }
    failVideo(c, jobId, CANCELLED, reason, now);
    return true;
  }

  static Map<JobStatus, Long> counts(Connection c) throws SQLException {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    Sql.all(
        c, "SELECT status, COUNT(*) AS n FROM transcode_jobs GROUP BY status",
        row -> counts.put(JobStatus.fromWire(row.getString("status")), row.getLong("n")));
    return counts;
  }

  static List<OutboxEvent> outboxEvents(Connection c, String videoId) throws SQLException {
    return Sql.all(
        c, "SELECT " + EVENT_COLUMNS + " FROM outbox_events WHERE video_id = ? ORDER BY seq",
        Jobs::event, videoId);
  }

  private static OutboxEvent event(ResultSet row) throws SQLException {
    return new OutboxEvent(
        row.getString("event_id"),
        JobStatus.fromWire(row.getString("status")),
        row.getString("video_id"),
        row.getString("owner_id"),
        row.getString("job_id"),
        row.getInt("attempt"),
        Sql.instant(row, "occurred_at"));
  }

  /** Fails the job's video and writes the job's outcome event (the job is already terminal). */
  private static void failVideo(
      Connection c, String jobId, String errorCode, String errorMessage, Instant now)
      throws SQLException {
    Sql.update(c, VIDEO_TO_FAILED, errorCode, errorMessage, now, jobId);
    int attempt =
        Sql.one(c, "SELECT attempt FROM transcode_jobs WHERE job_id = ?", row -> row.getInt(1), jobId)
            .orElseThrow();
    recordOutcomeEvent(c, jobId, attempt, now);
  }

  /** Writes the outcome event of a job that has just become terminal. */
  private static void recordOutcomeEvent(Connection c, String jobId, int attempt, Instant now)
      throws SQLException {
    Sql.update(c, INSERT_EVENT, OutboxEvent.idFor(jobId, attempt), now, jobId);
  }
}
