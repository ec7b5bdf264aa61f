package io.vodkit.fleet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vodkit.JobStatus;
import io.vodkit.PipelineEvent;
import io.vodkit.PipelineListener;
import io.vodkit.TranscodeJob;
import io.vodkit.spi.MetadataStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micrometer meters for a pipeline. Register it as a listener ({@code
 * VideoPipeline.Builder#listener} or {@code VideoPipeline#onEvent}) and {@linkplain
 * #bindTo bind} it to a registry:
 *
 * <ul>
 *   <li>{@code vodkit.jobs} (gauge, tag {@code status}): jobs per status in the store — the whole
 *       fleet's queue depth ({@code status=queued}) and work in flight ({@code processing}). One
 *       {@link MetadataStore#jobCounts()} query per {@link #snapshotTtl} however many gauges are read;
 *       NaN while the store cannot answer.
 *   <li>{@code vodkit.job.duration} (timer, tag {@code outcome} = {@code ready}, {@code partial},
 *       {@code failed}, {@code retrying}, {@code cancelled}): from this process's {@code
 *       JOB_STARTED} to the attempt's end.
 *   <li>{@code vodkit.job.events} (counter, tag {@code type}): every pipeline event this process
 *       saw, by type ({@code job_started}, {@code video_ready}, {@code job_retrying}, …).
 *   <li>{@code vodkit.job.failures} (counter, tag {@code code}): attempts that ended in a failure
 *       or a retry, by the job's recorded error code ({@code transcode_failed}, {@code
 *       storage_failed}, {@code media_rejected}, …; {@code unknown} if it could not be read).
 * </ul>
 *
 * <p>Events come from this process only (the workers it runs, the uploads and publishes it
 * serves); the {@code vodkit.jobs} gauges see the whole fleet. Thread-safe; listener calls are
 * cheap except a failure, which reads the job once to tag it.
 */
public final class PipelineMetrics implements MeterBinder, PipelineListener {
  private static final Logger log = LoggerFactory.getLogger(PipelineMetrics.class);
  /** At most this many started jobs are remembered (a lost lease ends an attempt silently). */
  private static final int MAX_TRACKED = 10_000;

  private final MetadataStore store;
  private final LongSupplier nanoTime;
  private final Duration snapshotTtl;
  private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;
  private volatile Snapshot snapshot;

  /** Meters over {@code store}, reading job counts at most once a second. */
  public PipelineMetrics(MetadataStore store) {
    this(store, Duration.ofSeconds(1), System::nanoTime);
  }

  /** For tests: the snapshot lifetime and the clock of job durations. */
  PipelineMetrics(MetadataStore store, Duration snapshotTtl, LongSupplier nanoTime) {
    this.store = Objects.requireNonNull(store, "store");
    this.snapshotTtl = Objects.requireNonNull(snapshotTtl, "snapshotTtl");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    for (JobStatus status : JobStatus.values()) {
      Gauge.builder("vodkit.jobs", this, m -> m.jobCount(status))
          .tag("status", status.wireName())
          .description("jobs in the store per status (the fleet's queue)")
          .register(registry);
    }
  }

  /** How many jobs are in {@code status} now (from a snapshot at most {@code snapshotTtl} old); NaN on store errors. */
  double jobCount(JobStatus status) {
    Snapshot s = snapshot;
    long now = nanoTime.getAsLong();
    if (s == null || now - s.takenAtNanos() >= snapshotTtl.toNanos()) {
      Map<JobStatus, Long> counts;
      try {
        counts = store.jobCounts();
      } catch (RuntimeException e) {
        log.warn("vodkit.jobs: cannot read job counts: {}", e.getMessage());
        counts = null;
      }
      s = new Snapshot(now, counts);
      snapshot = s;
    }
    return s.counts() == null ? Double.NaN : s.counts().getOrDefault(status, 0L);
  }

  @Override
  public void onEvent(PipelineEvent event) {
    MeterRegistry r = registry;
    if (r == null) {
      return;
    }
    Counter.builder("vodkit.job.events")
        .tag("type", event.type().name().toLowerCase(Locale.ROOT))
        .description("pipeline events seen by this process")
        .register(r)
        .increment();
    String jobId = event.jobId();
    if (jobId == null) {
      return;
    }
    switch (event.type()) {
      case JOB_STARTED -> started(jobId);
      case VIDEO_READY -> ended(r, jobId, "ready", false);
      case VIDEO_PARTIAL -> ended(r, jobId, "partial", true);
      case VIDEO_FAILED -> ended(r, jobId, "failed", true);
      case JOB_RETRYING -> ended(r, jobId, "retrying", true);
      case JOB_CANCELLED -> ended(r, jobId, "cancelled", false);
      default -> { }
    }
  }

  private void started(String jobId) {
    if (startedAt.size() >= MAX_TRACKED) {
      startedAt.clear(); // attempts that ended without an event (lost leases); rare, and only durations are lost
    }
    startedAt.put(jobId, nanoTime.getAsLong());
  }

  private void ended(MeterRegistry r, String jobId, String outcome, boolean failure) {
    Long start = startedAt.remove(jobId);
    if (start != null) {
      Timer.builder("vodkit.job.duration")
          .tag("outcome", outcome)
          .description("one attempt of a job in this process, from claim to outcome")
          .register(r)
          .record(Duration.ofNanos(nanoTime.getAsLong() - start));
    }
    if (failure) {
      Counter.builder("vodkit.job.failures")
          .tag("code", errorCode(jobId))
          .description("attempts that ended in a failure or a retry, by error code")
          .register(r)
          .increment();
    }
  }

  private String errorCode(String jobId) {
    try {
      Optional<TranscodeJob> job = store.findJob(jobId);
      return job.map(TranscodeJob::errorCode).filter(c -> !c.isBlank()).orElse("unknown");
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  /** Job counts read at one moment (null counts: the store failed). */
  private record Snapshot(long takenAtNanos, Map<JobStatus, Long> counts) {}
}
