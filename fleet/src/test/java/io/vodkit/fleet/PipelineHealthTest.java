package io.vodkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.examples.TestClip;
import io.vodkit.VideoPipeline;
import io.vodkit.storage.s3.S3ObjectStorage;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class PipelineHealthTest {
  @TempDir Path dir;

  @Test
  void aWorkingPipelineIsHealthyAndReportsItsQueue() {
    PipelineConfig.Backends b = PipelineConfig.of(FleetProperties.fsSqlite(dir), "t").open();
    try (VideoPipeline pipeline = b.builder().build()) {
      Publishing.publish(pipeline, TestClip.generate(dir.resolve("c.mp4"), 160, 90, 1, 100));

      PipelineHealth.Status status = new PipelineHealth(b.store(), b.storage(), "ffmpeg").check();

      assertThat(status.healthy()).isTrue();
      assertThat(status.problems()).isEmpty();
      assertThat(status.queued()).isEqualTo(1);
      assertThat(status.processing()).isZero();
    }
  }

  @Test
  void eachBrokenPartIsNamed() {
    PipelineConfig.Backends b = PipelineConfig.of(FleetProperties.fsSqlite(dir), "t").open();
    b.store().close();
    try (S3ObjectStorage nowhere =
        S3ObjectStorage.builder("b")
            .endpointOverride(URI.create("http://127.0.0.1:1"))
            .pathStyle(true)
            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
            .build()) {
      PipelineHealth.Status status =
          new PipelineHealth(b.store(), nowhere, dir.resolve("no-ffmpeg").toString()).check();

      assertThat(status.healthy()).isFalse();
      assertThat(status.storeReachable()).isFalse();
      assertThat(status.storageReachable()).isFalse();
      assertThat(status.ffmpegPresent()).isFalse();
      assertThat(status.queued()).isEqualTo(-1);
      assertThat(status.problems()).hasSize(3);
      assertThat(status.problems().get(0)).startsWith("store unreachable");
      assertThat(status.problems().get(1)).startsWith("storage unreachable");
      assertThat(status.problems().get(2)).contains("no-ffmpeg");
    } finally {
      b.storage().close();
    }
  }
}
