package io.vodkit.spring;

import io.vodkit.JobStatus;
import io.vodkit.ffmpeg.FfmpegCheck;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.ObjectStorage;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health of the pipeline: UP when the store answers a job-count query, the storage answers
 * a HEAD of a probe key (that need not exist) and {@code ffmpeg -version} runs; DOWN otherwise.
 * Details: {@code store}, {@code storage}, {@code ffmpeg} (each {@code ok} or why not), {@code
 * queued} and {@code processing} job counts. Queue depth is reported, never judged.
 */
public final class VodkitHealthIndicator implements HealthIndicator {
  /** The key whose HEAD proves the storage answers. */
  static final String PROBE_KEY = "health/vodkit-probe";

  private final MetadataStore store;
  private final ObjectStorage storage;
  private final String ffmpeg;
  private volatile boolean ffmpegSeen; // once ffmpeg ran, it is not run again

  /**
   * @param store the pipeline's store
   * @param storage the pipeline's storage
   * @param ffmpeg the ffmpeg binary (a path, or a name looked up on {@code PATH})
   */
  public VodkitHealthIndicator(MetadataStore store, ObjectStorage storage, String ffmpeg) {
    this.store = Objects.requireNonNull(store, "store");
    this.storage = Objects.requireNonNull(storage, "storage");
    this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
  }

  @Override
  public Health health() {
    boolean up = true;
    Health.Builder health = new Health.Builder();
    try {
      Map<JobStatus, Long> counts = store.jobCounts();
      health.withDetail("store", "ok")
          .withDetail("queued", counts.getOrDefault(JobStatus.QUEUED, 0L))
          .withDetail("processing", counts.getOrDefault(JobStatus.PROCESSING, 0L));
    } catch (RuntimeException e) {
      up = false;
      health.withDetail("store", "unreachable: " + e.getMessage());
    }
    try {
      storage.head(PROBE_KEY);
      health.withDetail("storage", "ok");
    } catch (RuntimeException e) {
      up = false;
      health.withDetail("storage", "unreachable: " + e.getMessage());
    }
    String ffmpegProblem = ffmpegProblem();
    health.withDetail("ffmpeg", ffmpegProblem == null ? "ok" : ffmpegProblem);
    up &= ffmpegProblem == null;
    return (up ? health.up() : health.down()).build();
  }

  /** Null when ffmpeg runs; otherwise why not. */
  private String ffmpegProblem() {
    if (ffmpegSeen) {
      return null;
    }
    String problem = FfmpegCheck.problem(ffmpeg, FfmpegCheck.DEFAULT_TIMEOUT).orElse(null);
    ffmpegSeen = problem == null;
    return problem;
  }
}
