package io.vodkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vodkit.ErrorCode;
import io.vodkit.JobStatus;
import io.vodkit.NewUpload;
import io.vodkit.UploadSession;
import io.vodkit.VideoPipeline;
import io.vodkit.VodkitException;
import io.vodkit.testing.SourceBytes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The starter on fs + SQLite: defaults, back-off, settings that fail start-up, health, gauges. */
class VodkitAutoConfigurationTest {
  private static final AutoConfigurations ALL =
      AutoConfigurations.of(
          VodkitAutoConfiguration.class, VodkitHealthAutoConfiguration.class, VodkitMetricsAutoConfiguration.class);

  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    // no workers: a published job stays queued, so queue depth is known
    return new ApplicationContextRunner()
        .withConfiguration(ALL)
        .withPropertyValues("vodkit.data-dir=" + dir, "vodkit.workers=0");
  }

  @Test
  void fsAndSqliteDefaultsLiveUnderTheDataDirAndTheBeanWorks() {
    runner().run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(VideoPipeline.class).hasSingleBean(VodkitParts.class);
      VideoPipeline vodkit = ctx.getBean(VideoPipeline.class);
      UploadSession up = vodkit.createUpload(NewUpload.of("user_1", "clip", "video/mp4", 12L << 20));
      assertThat(up.parts()).hasSize(2);
      assertThat(up.uploadUrl().toString()).startsWith("http://127.0.0.1:");
      assertThat(vodkit.video(up.videoId()).status().wireName()).isEqualTo("awaiting_upload");
      assertThat(vodkit.manifestUrl(up.videoId()).toString()).startsWith("http://127.0.0.1:").endsWith("/manifest.m3u8");
      assertThat(dir.resolve("vodkit.db")).isRegularFile();
      assertThat(dir.resolve("storage")).isDirectory();
      assertThat(dir.resolve("work")).isDirectory();
    });
  }

  @Test
  void settingsReachThePipeline() {
    runner()
        .withPropertyValues(
            "vodkit.upload-ttl=5m", "vodkit.base-urls.api=https://api.example.com",
            "vodkit.base-urls.cdn=https://cdn.example.com/media", "vodkit.store.sqlite.path=" + dir.resolve("db/other.db"))
        .run(ctx -> {
          VideoPipeline vodkit = ctx.getBean(VideoPipeline.class);
          UploadSession up = vodkit.createUpload(NewUpload.of("user_1", "clip", "video/mp4", 1000));
          assertThat(java.time.Duration.between(java.time.Instant.now(), up.expiresAt()))
              .isBetween(java.time.Duration.ofMinutes(4), java.time.Duration.ofMinutes(5));
          assertThat(vodkit.baseUrls().api()).isEqualTo(URI.create("https://api.example.com/"));
          assertThat(vodkit.manifestUrl(up.videoId()))
              .isEqualTo(URI.create("https://cdn.example.com/media/videos/" + up.videoId() + "/manifest.m3u8"));
          assertThat(dir.resolve("db/other.db")).isRegularFile();
          assertThat(dir.resolve("vodkit.db")).doesNotExist();
        });
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnPipeline() {
    runner().withUserConfiguration(OwnPipeline.class).run(ctx -> {
      assertThat(ctx).hasNotFailed().hasSingleBean(VideoPipeline.class);
      assertThat(ctx.getBean(VideoPipeline.class)).isSameAs(OwnPipeline.built);
      assertThat(ctx).doesNotHaveBean(VodkitParts.class).doesNotHaveBean(VodkitHealthIndicator.class);
      assertThat(dir.resolve("vodkit.db")).doesNotExist();
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnPipeline {
    static VideoPipeline built;

    @Bean(destroyMethod = "close")
    VideoPipeline myPipeline(@org.springframework.beans.factory.annotation.Value("${vodkit.data-dir}") Path dir) {
      built = VideoPipeline.embeddedBuilder(dir.resolve("own")).workers(0).build();
      return built;
    }
  }

  @Test
  void s3WithoutABucketFailsStartUpNamingTheProperty() {
    runner().withPropertyValues("vodkit.storage.type=s3", "vodkit.base-urls.cdn=https://cdn.example.com/")
        .run(ctx -> assertFailsNaming(ctx.getStartupFailure(), "vodkit.storage.s3.bucket"));
  }

  @Test
  void s3WithoutACdnBaseUrlFailsStartUpNamingTheProperty() {
    runner().withPropertyValues("vodkit.storage.type=s3", "vodkit.storage.s3.bucket=b")
        .run(ctx -> assertFailsNaming(ctx.getStartupFailure(), "vodkit.base-urls.cdn"));
  }

  @Test
  void halfAKeyPairFailsStartUpNamingTheMissingHalf() {
    runner()
        .withPropertyValues(
            "vodkit.storage.type=s3", "vodkit.storage.s3.bucket=b", "vodkit.base-urls.cdn=https://cdn.example.com/",
            "vodkit.storage.s3.access-key=AKIA")
        .run(ctx -> assertFailsNaming(ctx.getStartupFailure(), "vodkit.storage.s3.secret-key"));
  }

  @Test
  void postgresWithoutADataSourceFailsStartUpNamingTheProperty() {
    runner().withPropertyValues("vodkit.store.type=postgres")
        .run(ctx -> assertFailsNaming(ctx.getStartupFailure(), "spring.datasource.url"));
  }

  @Test
  void negativeWorkersFailStartUpNamingTheProperty() {
    runner().withPropertyValues("vodkit.workers=-1")
        .run(ctx -> assertFailsNaming(ctx.getStartupFailure(), "vodkit.workers"));
  }

  @Test
  void nothingIsLeftOpenWhenStartUpFails() {
    // the sqlite store would open before the s3 storage fails: settings are all checked first
    runner().withPropertyValues("vodkit.storage.type=s3", "vodkit.base-urls.cdn=https://cdn.example.com/")
        .run(ctx -> assertThat(ctx).hasFailed());
    assertThat(dir.resolve("vodkit.db")).doesNotExist();
  }

  /** The failure is a CONFIGURATION VodkitException naming the property, and the analyzer says to set it. */
  private static void assertFailsNaming(Throwable failure, String property) {
    assertThat(failure).isNotNull();
    VodkitException cause = findVodkitException(failure);
    assertThat(cause.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(cause.field()).isEqualTo(property);
    assertThat(cause.getMessage()).contains(property);
    FailureAnalysis analysis = new VodkitFailureAnalyzer().analyze(failure);
    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription()).contains(property);
    assertThat(analysis.getAction()).startsWith("Set " + property);
  }

  private static VodkitException findVodkitException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof VodkitException) {
        return (VodkitException) t;
      }
    }
    throw new AssertionError("no VodkitException in the cause chain of " + failure, failure);
  }

  @Test
  void healthIsUpWithDetailsAndDownOnceTheStoreIsClosed() {
    runner().run(ctx -> {
      VideoPipeline vodkit = ctx.getBean(VideoPipeline.class);
      publishOneTinyUpload(vodkit);
      HealthIndicator indicator = ctx.getBean("vodkitHealthIndicator", HealthIndicator.class);
      Health up = indicator.health();
      assertThat(up.getStatus()).isEqualTo(Status.UP);
      assertThat(up.getDetails())
          .containsEntry("store", "ok").containsEntry("storage", "ok").containsEntry("ffmpeg", "ok")
          .containsEntry("queued", 1L).containsEntry("processing", 0L);

      ctx.getBean(VodkitParts.class).store().close();
      Health down = indicator.health();
      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat((String) down.getDetails().get("store")).startsWith("unreachable: ");
      assertThat(down.getDetails()).containsEntry("storage", "ok").doesNotContainKey("queued");
    });
  }

  @Test
  void healthReportsAMissingFfmpeg() {
    runner().run(ctx -> {
      VodkitParts parts = ctx.getBean(VodkitParts.class);
      Health health = new VodkitHealthIndicator(parts.store(), parts.storage(), dir.resolve("no-ffmpeg").toString()).health();
      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat((String) health.getDetails().get("ffmpeg")).startsWith("missing: cannot run ");
      assertThat(health.getDetails()).containsEntry("store", "ok");
    });
  }

  @Test
  void noHealthIndicatorWithoutSpringBootHealth() {
    runner().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
        .run(ctx -> assertThat(ctx).hasNotFailed().hasSingleBean(VideoPipeline.class)
            .doesNotHaveBean(VodkitHealthIndicator.class));
  }

  @Test
  void jobGaugesCountJobsPerStatusWhenAMeterRegistryExists() {
    runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(ctx -> {
      MeterRegistry registry = ctx.getBean(MeterRegistry.class);
      assertThat(registry.get(VodkitJobGauges.NAME).tag("status", "queued").gauge().value()).isEqualTo(0.0);
      publishOneTinyUpload(ctx.getBean(VideoPipeline.class));
      Thread.sleep(VodkitJobGauges.MAX_AGE.toMillis() + 100);
      assertThat(registry.get(VodkitJobGauges.NAME).tag("status", "queued").gauge().value()).isEqualTo(1.0);
      assertThat(registry.get(VodkitJobGauges.NAME).gauges()).hasSize(JobStatus.values().length);
    });
  }

  @Test
  void noGaugesWithoutAMeterRegistry() {
    runner().run(ctx -> assertThat(ctx).doesNotHaveBean(VodkitJobGauges.class));
  }

  /** Creates an upload, PUTs 1 KiB to its single URL, completes and publishes it (workers=0: it stays queued). */
  private static void publishOneTinyUpload(VideoPipeline vodkit) throws Exception {
    byte[] bytes = SourceBytes.random(1024, 1024);
    UploadSession up = vodkit.createUpload(NewUpload.of("user_1", "tiny", "video/mp4", bytes.length));
    HttpResponse<String> put = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(up.uploadUrl()).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(200);
    vodkit.completeUpload(up.videoId(), List.of());
    vodkit.publish(up.videoId());
  }
}
