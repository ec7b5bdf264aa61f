package io.vodkit.fleet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.vodkit.JobStatus;
import io.vodkit.PipelineEvent;
import io.vodkit.PipelineListener;
import io.vodkit.RenditionProgress;
import io.vodkit.RenditionState;
import io.vodkit.TranscodeJob;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.WebhookDelivery;
import io.vodkit.spi.WebhookStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
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
 *   <li>{@code vodkit.job.duration} (timer, tags {@code outcome} = {@code ready}, {@code partial},
 *       {@code failed}, {@code retrying}, {@code cancelled}, and {@code top_rung}: the highest
 *       rendition the job produced, e.g. {@code 1080p}, or {@code none} for the other outcomes):
 *       from this process's {@code JOB_STARTED} to the attempt's end. {@code top_rung} takes rung
 *       names only, at most {@value #MAX_RUNG_TAGS} distinct ones ({@code other} after that).
 *   <li>{@code vodkit.job.events} (counter, tag {@code type}): every pipeline event this process
 *       saw, by type ({@code job_started}, {@code video_ready}, {@code job_retrying}, …).
 *   <li>{@code vodkit.job.failures} (counter, tag {@code code}): attempts that ended in a failure
 *       or a retry, by the job's recorded error code ({@code transcode_failed}, {@code
 *       storage_failed}, {@code media_rejected}, …; {@code unknown} if it could not be read).
 *   <li>{@code vodkit.claim.latency} (timer, tag {@code outcome} = {@code claimed}, {@code
 *       empty}): this process's job claims, when the store is the timed store {@link
 *       PipelineConfig#openStore()} opens (binding this binds that).
 *   <li>{@code vodkit.webhooks.pending}, {@code vodkit.webhooks.dead} (gauges), when the store is
 *       also a {@link WebhookStore}: the fleet's webhook backlog and dead letters, from one {@link
 *       WebhookStore#deliveryCounts()} query per {@link #snapshotTtl}; NaN while the store cannot
 *       answer.
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
  /** Distinct {@code top_rung} tag values; a ladder has a handful of rungs. */
  static final int MAX_RUNG_TAGS = 12;

  private final MetadataStore store;
  private final LongSupplier nanoTime;
  private final Duration snapshotTtl;
  private final Map<String, Long> startedAt = new ConcurrentHashMap<>();
  private final Set<String> rungTags = ConcurrentHashMap.newKeySet();
  private final CachedCounts<JobStatus> jobCounts;
  private volatile MeterRegistry registry;

  /** Meters over {@code store}, reading job counts at most once a second. */
  public PipelineMetrics(MetadataStore store) {
    this(store, Duration.ofSeconds(1), System::nanoTime);
  }

  /** For tests: the snapshot lifetime and the clock of job durations. */
  PipelineMetrics(MetadataStore store, Duration snapshotTtl, LongSupplier nanoTime) {
    this.store = Objects.requireNonNull(store, "store");
    this.snapshotTtl = Objects.requireNonNull(snapshotTtl, "snapshotTtl");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.jobCounts = new CachedCounts<>("vodkit.jobs", store::jobCounts);
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
    if (store instanceof WebhookStore webhooks) {
      CachedCounts<WebhookDelivery.State> deliveries =
          new CachedCounts<>("vodkit.webhooks", webhooks::deliveryCounts);
      Gauge.builder("vodkit.webhooks.pending", deliveries, d -> d.count(WebhookDelivery.State.PENDING))
          .description("webhook deliveries waiting for a successful attempt (the fleet's backlog)")
          .register(registry);
      Gauge.builder("vodkit.webhooks.dead", deliveries, d -> d.count(WebhookDelivery.State.DEAD))
          .description("webhook deliveries whose retries ran out, until redelivered")
          .register(registry);
    }
    if (store instanceof TimedStore timed) {
      timed.bindTo(registry);
    }
  }

  /** How many jobs are in {@code status} now (from a snapshot at most {@code snapshotTtl} old); NaN on store errors. */
  double jobCount(JobStatus status) {
    return jobCounts.count(status);
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
      boolean produced = outcome.equals("ready") || outcome.equals("partial");
      Timer.builder("vodkit.job.duration")
          .tag("outcome", outcome)
          .tag("top_rung", produced ? topRung(jobId) : "none")
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

  /**
   * The highest rendition the job record lists as done (renditions are stored lowest rung first),
   * as a bounded tag value: {@code none} if there is none or the job cannot be read, {@code other}
   * once {@value #MAX_RUNG_TAGS} distinct rungs were seen.
   */
  private String topRung(String jobId) {
    List<RenditionProgress> renditions;
    try {
      renditions = store.findJob(jobId).map(TranscodeJob::renditions).orElse(List.of());
    } catch (RuntimeException e) {
      return "none";
    }
    String top = "none";
    for (RenditionProgress p : renditions) {
      if (p.state() == RenditionState.DONE) {
        top = p.quality();
      }
    }
    if (top.equals("none") || rungTags.contains(top)) {
      return top;
    }
    synchronized (rungTags) {
      if (rungTags.size() >= MAX_RUNG_TAGS) {
        return "other";
      }
      rungTags.add(top);
    }
    return top;
  }

  private String errorCode(String jobId) {
    try {
      Optional<TranscodeJob> job = store.findJob(jobId);
      return job.map(TranscodeJob::errorCode).filter(c -> !c.isBlank()).orElse("unknown");
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * Counts from one store query, read again at most once per {@code snapshotTtl} however many
   * gauges ask; NaN while the store fails.
   */
  private final class CachedCounts<K> {
    private final String meter;
    private final Supplier<Map<K, Long>> query;
    private volatile Snapshot<K> snapshot;

    CachedCounts(String meter, Supplier<Map<K, Long>> query) {
      this.meter = meter;
      this.query = query;
    }

    double count(K key) {
      Snapshot<K> s = snapshot;
      long now = nanoTime.getAsLong();
      if (s == null || now - s.takenAtNanos() >= snapshotTtl.toNanos()) {
        Map<K, Long> counts;
        try {
          counts = query.get();
        } catch (RuntimeException e) {
          log.warn("{}: cannot read counts: {}", meter, e.getMessage());
          counts = null;
        }
        s = new Snapshot<>(now, counts);
        snapshot = s;
      }
      return s.counts() == null ? Double.NaN : s.counts().getOrDefault(key, 0L);
    }
  }

  /** Counts read at one moment (null counts: the store failed). */
  private record Snapshot<K>(long takenAtNanos, Map<K, Long> counts) {}
}
