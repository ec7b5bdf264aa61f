package io.vodkit.fleet;

import io.vodkit.JobStatus;
import io.vodkit.ffmpeg.FfmpegCheck;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.ObjectStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A health check for a pipeline process: can it reach its store and its storage, is ffmpeg there,
 * and how deep is the queue. {@link #check()} answers a small {@link Status}; a load balancer or
 * orchestrator probe maps {@link Status#healthy()} to up/down. Thread-safe; every call does real
 * I/O (one job-count query, one HEAD of a key that need not exist, one {@code ffmpeg -version}
 * until it has succeeded once).
 */
public final class PipelineHealth {
  /** The key whose HEAD proves storage answers (it need not exist). */
  static final String PROBE_KEY = "health/vodkit-probe";

  private final MetadataStore store;
  private final ObjectStorage storage;
  private final String ffmpegCommand;
  private volatile boolean ffmpegSeen;

  /**
   * @param store the pipeline's store
   * @param storage the pipeline's storage
   * @param ffmpegCommand the ffmpeg binary (a path, or a name looked up on {@code PATH})
   */
  public PipelineHealth(MetadataStore store, ObjectStorage storage, String ffmpegCommand) {
    this.store = Objects.requireNonNull(store, "store");
    this.storage = Objects.requireNonNull(storage, "storage");
    this.ffmpegCommand = Objects.requireNonNull(ffmpegCommand, "ffmpegCommand");
  }

  /**
   * The result of one check.
   *
   * @param storeReachable the store answered a job-count query
   * @param storageReachable the storage answered a HEAD
   * @param ffmpegPresent {@code ffmpeg -version} ran and exited 0
   * @param queued jobs waiting ({@code queued}); -1 when the store did not answer
   * @param processing jobs being worked on; -1 when the store did not answer
   * @param problems one line per failed check, empty when healthy
   */
  public record Status(
      boolean storeReachable,
      boolean storageReachable,
      boolean ffmpegPresent,
      long queued,
      long processing,
      List<String> problems) {
    /** Copies the problems. */
    public Status {
      problems = List.copyOf(problems);
    }

    /** Every check passed. Queue depth is reported, never judged: alert on it separately. */
    public boolean healthy() {
      return storeReachable && storageReachable && ffmpegPresent;
    }
  }

  /** Runs every check now. Never throws: a failed check is a problem line. */
  public Status check() {
    List<String> problems = new ArrayList<>();
    long queued = -1;
    long processing = -1;
    boolean storeOk;
    try {
      Map<JobStatus, Long> counts = store.jobCounts();
      queued = counts.getOrDefault(JobStatus.QUEUED, 0L);
      processing = counts.getOrDefault(JobStatus.PROCESSING, 0L);
      storeOk = true;
    } catch (RuntimeException e) {
      storeOk = false;
      problems.add("store unreachable: " + e.getMessage());
    }
    boolean storageOk;
    try {
      storage.head(PROBE_KEY);
      storageOk = true;
    } catch (RuntimeException e) {
      storageOk = false;
      problems.add("storage unreachable: " + e.getMessage());
    }
    String ffmpegProblem = ffmpegProblem();
    if (ffmpegProblem != null) {
      problems.add(ffmpegProblem);
    }
    return new Status(storeOk, storageOk, ffmpegProblem == null, queued, processing, problems);
  }

  /** Null when ffmpeg runs; otherwise why not. Once seen running it is not run again. */
  private String ffmpegProblem() {
    if (ffmpegSeen) {
      return null;
    }
    String problem = FfmpegCheck.problem(ffmpegCommand, FfmpegCheck.DEFAULT_TIMEOUT).map(p -> "ffmpeg: " + p).orElse(null);
    ffmpegSeen = problem == null;
    return problem;
  }
}
