package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.CompletedPart;
import io.vodkit.ErrorCode;
import io.vodkit.NewUpload;
import io.vodkit.PartUrl;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload sweeper on the embedded backend: a session left unfinished past its expiry is
 * aborted, its parts deleted and its video failed with {@code upload_expired}; every later call
 * says so, and nothing half-uploaded becomes a source.
 */
class UploadExpiryTest {
  private static final long FILE_SIZE = 6L << 20; // two parts: 5 MiB + 1 MiB

  @TempDir Path tmp;

  @Test
  void anUploadLeftUnfinishedPastItsExpiryIsSweptAndSaysUploadExpired() throws Exception {
    Path file = tmp.resolve("partial.bin");
    Files.write(file, new byte[(int) FILE_SIZE]);
    AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    InstantSource clock = now::get;
    Path data = tmp.resolve("data");
    try (VideoPipeline vodkit =
        VideoPipeline.embeddedBuilder(data)
            .clock(clock)
            .uploadTtl(Duration.ofMinutes(10))
            .workers(1)
            .supervisorInterval(Duration.ofMillis(50))
            .build()) {
      UploadSession up = vodkit.createUpload(NewUpload.of("user_1", "never finished", "video/mp4", FILE_SIZE));
      PartUrl first = up.parts().get(0);
      String etag = new DirectUploader(1).put(first.url(), file, first.offsetBytes(), first.sizeBytes());
      assertThat(vodkit.uploadedParts(up.videoId())).hasSize(1);
      assertThat(countFiles(data)).isGreaterThan(0);

      now.set(now.get().plus(Duration.ofMinutes(10)).plusSeconds(1)); // expired, within the grace
      assertThatThrownBy(() -> vodkit.uploadedParts(up.videoId())).satisfies(e -> assertExpired(e));
      Thread.sleep(300);
      assertThat(vodkit.video(up.videoId()).status()).isEqualTo(VideoStatus.AWAITING_UPLOAD);

      now.set(now.get().plus(Duration.ofMinutes(2))); // past the sweeper's grace
      Video swept = awaitStatus(vodkit, up.videoId(), VideoStatus.FAILED);

      assertThat(swept.failureCode()).isEqualTo("upload_expired");
      assertThat(swept.failureMessage()).contains("expired");
      assertThatThrownBy(() -> vodkit.uploadedParts(up.videoId())).satisfies(e -> assertExpired(e));
      assertThatThrownBy(
              () -> vodkit.completeUpload(up.videoId(), List.of(new CompletedPart(1, etag))))
          .satisfies(e -> assertExpired(e));
      assertThatThrownBy(() -> vodkit.publish(up.videoId()))
          .isInstanceOfSatisfying(
              VodkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
      assertThat(vodkit.storage().head(VideoPipeline.sourceKey(up.videoId()))).isEmpty();
      assertThat(countFiles(data)).as("part files left on disk").isZero();
    }
  }

  private static void assertExpired(Throwable e) {
    assertThat(e).isInstanceOf(VodkitException.class);
    assertThat(((VodkitException) e).code()).isEqualTo(ErrorCode.UPLOAD_EXPIRED);
  }

  private static Video awaitStatus(VideoPipeline vodkit, String videoId, VideoStatus status)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Video v = vodkit.video(videoId);
    while (v.status() != status && System.nanoTime() < deadline) {
      Thread.sleep(50);
      v = vodkit.video(videoId);
    }
    assertThat(v.status()).isEqualTo(status);
    return v;
  }

  /** Part files under the storage's uploads folder. */
  private static long countFiles(Path data) throws Exception {
    Path uploads;
    try (Stream<Path> dirs = Files.walk(data)) {
      uploads = dirs.filter(p -> p.getFileName().toString().equals("uploads") && Files.isDirectory(p))
          .findFirst().orElseThrow();
    }
    try (Stream<Path> files = Files.walk(uploads)) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).count();
    }
  }
}
