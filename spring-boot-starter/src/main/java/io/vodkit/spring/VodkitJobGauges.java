package io.vodkit.spring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vodkit.JobStatus;
import io.vodkit.spi.MetadataStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Micrometer gauges {@code vodkit.jobs{status=queued|processing|complete|partial|failed|cancelled}}:
 * transcode jobs per status. One {@link MetadataStore#jobCounts()} query serves every gauge read
 * within {@link #MAX_AGE}; a failed query reads as NaN. Deliberately not a {@code MeterBinder}:
 * {@link #register} is called once, by {@link VodkitMetricsAutoConfiguration}, whether or not
 * Spring Boot's metrics auto-configuration (which binds every {@code MeterBinder} bean) is present.
 */
public final class VodkitJobGauges {
  /** Gauge name. */
  public static final String NAME = "vodkit.jobs";
  /** How long one job-count query is reused. */
  static final Duration MAX_AGE = Duration.ofSeconds(1);

  private final MetadataStore store;
  private Map<JobStatus, Long> counts;
  private long countedAtNanos;

  /** Gauges over {@code store}'s job counts. */
  public VodkitJobGauges(MetadataStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Registers one gauge per job status with {@code registry}. */
  public void register(MeterRegistry registry) {
    for (JobStatus status : JobStatus.values()) {
      Gauge.builder(NAME, this, g -> g.count(status))
          .tag("status", status.wireName())
          .description("transcode jobs in this status")
          .register(registry);
    }
  }

  private synchronized double count(JobStatus status) {
    long now = System.nanoTime();
    if (counts == null || now - countedAtNanos > MAX_AGE.toNanos()) {
      try {
        counts = store.jobCounts();
        countedAtNanos = now;
      } catch (RuntimeException e) {
        counts = null;
        return Double.NaN;
      }
    }
    return counts.getOrDefault(status, 0L);
  }
}
