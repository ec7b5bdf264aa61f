package io.vodkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vodkit.JobStatus;
import io.vodkit.PipelineEvent;
import io.vodkit.TranscodeJob;
import io.vodkit.VideoPipeline;
import io.vodkit.examples.TestClip;
import io.vodkit.spi.MetadataStore;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters over a real SQLite store and fs storage; events fed as the pipeline would. */
class PipelineMetricsTest {
  @TempDir java.nio.file.Path dir;
  private PipelineConfig.Backends backends;
  private VideoPipeline pipeline;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private PipelineMetrics metrics;

  @BeforeEach
  void open() {
    backends = PipelineConfig.of(FleetProperties.fsSqlite(dir), "test").open();
    metrics = new PipelineMetrics(backends.store(), Duration.ofSeconds(10), nanos::get);
    metrics.bindTo(registry);
    pipeline = backends.builder().listener(metrics).build();
  }

  @AfterEach
  void close() {
    pipeline.close();
  }

  private double gauge(JobStatus status) {
    return registry.get("vodkit.jobs").tag("status", status.wireName()).gauge().value();
  }

  @Test
  void jobGaugesFollowTheStoreThroughOneSnapshotPerTtl() {
    java.nio.file.Path clip = dir.resolve("c.mp4");
    java.nio.file.Path source = TestClip.generate(clip, 160, 90, 1, 100);
    assertThat(gauge(JobStatus.QUEUED)).isZero();

    Publishing.publish(pipeline, source);
    Publishing.publish(pipeline, source);

    assertThat(gauge(JobStatus.QUEUED)).as("snapshot still fresh").isZero();
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(gauge(JobStatus.QUEUED)).isEqualTo(2);
    assertThat(gauge(JobStatus.PROCESSING)).isZero();

    MetadataStore store = backends.store();
    store.claim("w1", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(gauge(JobStatus.QUEUED)).isEqualTo(1);
    assertThat(gauge(JobStatus.PROCESSING)).isEqualTo(1);
  }

  @Test
  void aClosedStoreReadsAsNaNNotAnException() {
    backends.store().close();
    assertThat(gauge(JobStatus.QUEUED)).isNaN();
  }

  @Test
  void attemptsAreTimedByOutcomeAndFailuresCountedByErrorCode() {
    java.nio.file.Path source = TestClip.generate(dir.resolve("c.mp4"), 160, 90, 1, 100);
    String videoId = Publishing.publish(pipeline, source);
    MetadataStore store = backends.store();
    TranscodeJob job = store.claim("w1", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
    Instant now = Instant.now();

    metrics.onEvent(new PipelineEvent(PipelineEvent.Type.JOB_STARTED, videoId, job.id(), now));
    nanos.addAndGet(Duration.ofMillis(1500).toNanos());
    store.release(job.lease(), "storage_failed", "S3 said 503", now);
    metrics.onEvent(new PipelineEvent(PipelineEvent.Type.JOB_RETRYING, videoId, job.id(), now));

    TranscodeJob again = store.claim("w2", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
    metrics.onEvent(new PipelineEvent(PipelineEvent.Type.JOB_STARTED, videoId, again.id(), now));
    nanos.addAndGet(Duration.ofMillis(700).toNanos());
    metrics.onEvent(new PipelineEvent(PipelineEvent.Type.VIDEO_READY, videoId, again.id(), now));

    Timer retrying = registry.get("vodkit.job.duration").tag("outcome", "retrying").timer();
    Timer ready = registry.get("vodkit.job.duration").tag("outcome", "ready").timer();
    assertThat(retrying.count()).isEqualTo(1);
    assertThat(retrying.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500);
    assertThat(ready.count()).isEqualTo(1);
    assertThat(ready.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(700);
    assertThat(registry.get("vodkit.job.failures").tag("code", "storage_failed").counter().count()).isEqualTo(1);
    assertThat(registry.find("vodkit.job.failures").counters()).hasSize(1);
    assertThat(registry.get("vodkit.job.events").tag("type", "job_started").counter().count()).isEqualTo(2);
    assertThat(registry.get("vodkit.job.events").tag("type", "job_queued").counter().count())
        .as("publish went through the pipeline, whose listener this is").isEqualTo(1);
    assertThat(registry.get("vodkit.job.events").tag("type", "upload_completed").counter().count()).isEqualTo(1);
  }

  @Test
  void anEndWithoutAStartCountsTheEventButTimesNothing() {
    metrics.onEvent(new PipelineEvent(PipelineEvent.Type.VIDEO_FAILED, "vid_x", "tjob_unknown", Instant.now()));

    assertThat(registry.find("vodkit.job.duration").timers()).isEmpty();
    assertThat(registry.get("vodkit.job.failures").tag("code", "unknown").counter().count()).isEqualTo(1);
  }
}
