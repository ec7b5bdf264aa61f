package io.vodkit.spi;

import io.vodkit.JobLease;
import io.vodkit.JobStatus;
import io.vodkit.RenditionProgress;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable metadata and the transcode job queue: videos, upload sessions and jobs, with the
 * transactions that keep them consistent (a job's outcome and its video's status change
 * together).
 *
 * <p>Leases: {@link #claim} hands a queued job to one worker until {@code locked_until}; the
 * worker proves ownership with its {@link JobLease} on every later call, and every such call
 * returns {@code false} once the lease is lost (expired and requeued, or claimed by another
 * worker) — the worker must then stop and discard its output. Thread-safe; safe to share between
 * processes when the backing database is.
 *
 * <p>Rules every implementation keeps (the contract test checks them): timestamps are stored to
 * the millisecond; a lease lasts until the supervisor sweeps it, so a late renewal of an expired
 * but not yet requeued lease still succeeds; a job leaving {@code processing} clears {@code
 * worker_id} and {@code locked_until}; {@code error_code}/{@code error_message} keep the last
 * error even when a later attempt succeeds; a swept lease records {@code lease_expired}; creating a
 * video whose id exists is a CONFLICT; a {@code partial} outcome's error is copied to the video;
 * every move of a job to a terminal status writes one {@link OutboxEvent} in the same transaction.
 *
 * <p>Implementations: {@code JdbcStore} (SQLite, PostgreSQL). Each extends {@code
 * MetadataStoreContractTest}.
 */
public interface MetadataStore extends AutoCloseable {

  // ---- videos and uploads

  /** Inserts a new video and its upload session. */
  void createVideo(Video video, UploadSession session);

  Optional<Video> findVideo(String videoId);

  Optional<UploadSession> findUploadSession(String videoId);

  /**
   * Replaces the video if its stored status is still {@code expected}; returns false (and changes
   * nothing) otherwise.
   */
  boolean updateVideo(Video updated, VideoStatus expected);

  /**
   * One page of an owner's videos, newest first ({@code created_at} then {@code video_id}, both
   * descending): at most {@code limit} videos strictly after {@code after} in that order, or from
   * the newest when {@code after} is null.
   */
  List<Video> listVideos(String ownerId, VideoCursor after, int limit);

  /**
   * Upload sessions whose {@code expires_at} is before {@code now} while their video is still
   * {@code awaiting_upload}, soonest expired first, at most {@code limit}: what the sweeper
   * aborts.
   */
  List<UploadSession> expiredUploads(Instant now, int limit);

  /** Deletes the video, its upload session and its jobs; false if there was no such video. */
  boolean deleteVideo(String videoId);

  // ---- the job queue

  /**
   * Publishes: if the video already has a job, returns that job unchanged (idempotent);
   * otherwise requires the video to be {@code uploaded}, inserts {@code job} and moves the video to
   * {@code transcoding}, atomically. Throws CONFLICT for a video in any other state and NOT_FOUND
   * for an unknown video.
   */
  TranscodeJob enqueue(TranscodeJob job);

  Optional<TranscodeJob> findJob(String jobId);

  Optional<TranscodeJob> findJobForVideo(String videoId);

  /**
   * Claims the oldest queued job for {@code workerId}: status {@code processing}, attempt + 1,
   * {@code locked_until = now + lease}, {@code started_at} set on the first claim. Two callers
   * never get the same job.
   */
  Optional<TranscodeJob> claim(String workerId, Instant now, Duration lease);

  /**
   * Extends the lease to {@code lockedUntil} and stores the progress; false if the lease is lost.
   * Pass an empty list to keep the stored progress.
   */
  boolean renew(JobLease lease, Instant lockedUntil, List<RenditionProgress> progress);

  /** Records the job's outcome and moves its video to the matching status, atomically. */
  boolean finish(JobLease lease, JobOutcome outcome, Instant now);

  /**
   * Gives up this attempt after a retryable error: back to {@code queued} if attempts remain,
   * else {@code failed} (and the video too). False if the lease was already lost.
   */
  boolean release(JobLease lease, String errorCode, String errorMessage, Instant now);

  /**
   * Gives the job back unfinished because this worker is shutting down (not because the attempt
   * failed): back to {@code queued} with the attempt it was claimed with undone, the lease cleared,
   * no error recorded and no outcome, so a graceful stop never uses up one of the job's attempts.
   * False if the lease was already lost.
   */
  boolean handBack(JobLease lease, Instant now);

  /**
   * The supervisor's sweep: every processing job whose lease ended before {@code now} goes back to
   * {@code queued}, or to {@code failed} (with its video) once it has used {@code max_attempts}.
   * Safe to run from several processes at once. Returns how many jobs it touched.
   */
  int requeueExpired(Instant now);

  /**
   * How many jobs are in each status right now (statuses with none may be missing): queue depth
   * and work in flight for metrics and health checks.
   */
  Map<JobStatus, Long> jobCounts();

  /**
   * Cancels a queued or processing job: status {@code cancelled}, lease cleared (a worker holding
   * it loses it at its next renewal and must discard its output), its video {@code failed} with
   * the code {@code cancelled} and {@code reason}, and an {@link OutboxEvent}, atomically. False
   * if the job is already terminal; NOT_FOUND for an unknown job.
   */
  boolean cancel(String jobId, String reason, Instant now);

  // ---- the outbox

  /**
   * The outcome events recorded for a video's jobs, oldest first (empty when none). Every
   * terminal transition above writes exactly one, in its own transaction; they outlive {@link
   * #deleteVideo} so a notifier can still announce them.
   */
  List<OutboxEvent> outboxEvents(String videoId);

  /**
   * Blocks until this store hears that queued work may be available (here or, where the
   * database can tell, in another process, e.g. PostgreSQL LISTEN/NOTIFY) or {@code max} passes;
   * true if woken early (possibly with nothing left to claim). The default hears nothing: it
   * sleeps {@code max} and returns false, so workers simply poll.
   */
  default boolean awaitWork(Duration max) throws InterruptedException {
    Thread.sleep(max.toMillis());
    return false;
  }

  /** Closes connections the store opened. */
  @Override
  default void close() {}
}
