package io.vodkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vodkit.JobStatus;
import io.vodkit.PipelineEvent;
import io.vodkit.Rendition;
import io.vodkit.RenditionProgress;
import io.vodkit.RenditionState;
import io.vodkit.TranscodeJob;
import io.vodkit.VideoPipeline;
import io.vodkit.examples.TestClip;
import io.vodkit.spi.JobOutcome;
import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.WebhookDelivery;
import io.vodkit.spi.WebhookEndpoint;
import io.vodkit.spi.WebhookStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    Timer retrying = registry.get("vodkit.job.duration").tags("outcome", "retrying", "top_rung", "none").timer();
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

  @Test
  void claimsOfTheConfiguredStoreAreTimedByWhetherTheyGotAJob() {
    MetadataStore store = backends.store();
    assertThat(store.claim("w1", Instant.now(), Duration.ofMinutes(1))).isEmpty();
    assertThat(store.claim("w1", Instant.now(), Duration.ofMinutes(1))).isEmpty();
    Publishing.publish(pipeline, TestClip.generate(dir.resolve("c.mp4"), 160, 90, 1, 100));
    assertThat(store.claim("w1", Instant.now(), Duration.ofMinutes(1))).isPresent();

    Timer empty = registry.get("vodkit.claim.latency").tag("outcome", "empty").timer();
    Timer claimed = registry.get("vodkit.claim.latency").tag("outcome", "claimed").timer();
    assertThat(empty.count()).isEqualTo(2);
    assertThat(claimed.count()).isEqualTo(1);
    assertThat(claimed.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(store).as("the timed store keeps the webhook interface").isInstanceOf(WebhookStore.class);
  }

  @Test
  void aJobsDurationIsTaggedWithTheHighestRungItProduced() {
    java.nio.file.Path source = TestClip.generate(dir.resolve("c.mp4"), 160, 90, 1, 100);

    endJob(Publishing.publish(pipeline, source), 300, "360p", "720p");
    endJob(Publishing.publish(pipeline, source), 500, "360p");
    endJob(Publishing.publish(pipeline, source), 400, "360p", "720p");

    Timer top720 = registry.get("vodkit.job.duration").tags("outcome", "ready", "top_rung", "720p").timer();
    assertThat(top720.count()).isEqualTo(2);
    assertThat(top720.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(700);
    assertThat(registry.get("vodkit.job.duration").tags("outcome", "ready", "top_rung", "360p").timer().count())
        .isEqualTo(1);
  }

  @Test
  void theTopRungTagTakesABoundedNumberOfValues() {
    java.nio.file.Path source = TestClip.generate(dir.resolve("c.mp4"), 160, 90, 1, 100);
    for (int i = 0; i < PipelineMetrics.MAX_RUNG_TAGS + 2; i++) {
      endJob(Publishing.publish(pipeline, source), 10, "r" + i);
    }

    List<String> tags = new ArrayList<>();
    registry.find("vodkit.job.duration").timers().forEach(t -> tags.add(t.getId().getTag("top_rung")));
    assertThat(tags).hasSize(PipelineMetrics.MAX_RUNG_TAGS + 1).contains("r0", "other").doesNotContain("r13");
    assertThat(registry.get("vodkit.job.duration").tag("top_rung", "other").timer().count()).isEqualTo(2);
  }

  @Test
  void webhookGaugesShowTheBacklogAndTheDeadLettersThroughOneSnapshotPerTtl() {
    WebhookStore webhooks = (WebhookStore) backends.store();
    webhooks.createEndpoint(
        new WebhookEndpoint("whk_metrics", "owner_1", URI.create("https://hooks.example/x"), "whsec_c2VjcmV0",
            null, null, Instant.now()));
    assertThat(webhookGauge("pending")).isZero();
    assertThat(webhookGauge("dead")).isZero();
    java.nio.file.Path source = TestClip.generate(dir.resolve("c.mp4"), 160, 90, 1, 100);
    endJob(Publishing.publish(pipeline, source), 10, "360p");
    endJob(Publishing.publish(pipeline, source), 10, "360p");
    assertThat(webhooks.fanOut(Instant.now(), 10, e -> "{}")).isEqualTo(2);

    assertThat(webhookGauge("pending")).as("snapshot still fresh").isZero();
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(webhookGauge("pending")).isEqualTo(2);

    WebhookDelivery d = webhooks.claimDue(Instant.now(), Duration.ofMinutes(1), 1).get(0);
    webhooks.recordAttempt(d.id(), 1, WebhookStore.AttemptResult.dead(410, "HTTP 410", Instant.now()));
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(webhookGauge("pending")).isEqualTo(1);
    assertThat(webhookGauge("dead")).isEqualTo(1);

    backends.store().close();
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    assertThat(webhookGauge("pending")).isNaN();
  }

  private double webhookGauge(String state) {
    return registry.get("vodkit.webhooks." + state).gauge().value();
  }

  /**
   * Claims the queued job of {@code videoId} and finishes it complete after {@code millis} (on
   * the test clock), with {@code rungs} done (lowest first) and a 4K rung skipped; feeds the
   * start and ready events.
   */
  private void endJob(String videoId, long millis, String... rungs) {
    MetadataStore store = backends.store();
    TranscodeJob job = store.claim("w1", Instant.now(), Duration.ofMinutes(1)).orElseThrow();
    assertThat(job.videoId()).isEqualTo(videoId);
    metrics.onEvent(new PipelineEvent(PipelineEvent.Type.JOB_STARTED, videoId, job.id(), Instant.now()));
    nanos.addAndGet(Duration.ofMillis(millis).toNanos());
    List<RenditionProgress> progress = new ArrayList<>();
    List<Rendition> published = new ArrayList<>();
    for (String rung : rungs) {
      progress.add(new RenditionProgress(rung, RenditionState.DONE, 100, null));
      published.add(new Rendition(rung, 160, 90, 100, 120_000L, "avc1.42c00c"));
    }
    progress.add(RenditionProgress.skipped("4K", "would_upscale: test"));
    JobOutcome outcome = new JobOutcome(JobStatus.COMPLETE, progress, published, 1.0, null, null);
    assertThat(store.finish(job.lease(), outcome, Instant.now())).isTrue();
    metrics.onEvent(new PipelineEvent(PipelineEvent.Type.VIDEO_READY, videoId, job.id(), Instant.now()));
  }
}
