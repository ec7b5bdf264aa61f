package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.JobStatus;
import io.vodkit.TranscodeJob;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.VodkitException;
import io.vodkit.spi.Transcoder;
import io.vodkit.store.jdbc.JdbcStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseAndRetryTest {
  @TempDir static Path shared;
  static Path clip;

  @TempDir Path tmp;

  @BeforeAll
  static void makeClip() {
    clip = TestClip.generate(shared.resolve("clip.mp4"), 640, 360, 5, 1000);
  }

  @Test
  void aJobWhoseWorkerStopsRenewingIsRequeuedAndCompletedByAnotherWorkerOnAttemptTwo() throws Exception {
    Path data = tmp.resolve("data");
    String videoId;
    try (VideoPipeline apiOnly = VideoPipeline.embeddedBuilder(data).workers(0).build()) {
      videoId = Uploads.uploadAndComplete(apiOnly, clip);
      apiOnly.publish(videoId);
    }
    // A worker in "another process" claims the job with a 1 s lease, then dies without renewing.
    try (JdbcStore other = JdbcStore.sqlite(data.resolve("vodkit.db"))) {
      Optional<TranscodeJob> claimed = other.claim("dead-worker", Instant.now(), Duration.ofSeconds(1));
      assertThat(claimed).isPresent();
      assertThat(claimed.get().attempt()).isEqualTo(1);
    }
    try (VideoPipeline survivor =
        VideoPipeline.embeddedBuilder(data)
            .workers(1)
            .pollInterval(Duration.ofMillis(100))
            .supervisorInterval(Duration.ofMillis(200))
            .build()) {
      Video video = survivor.awaitTerminal(videoId, Duration.ofMinutes(2));
      assertThat(video.status()).isEqualTo(VideoStatus.READY);
      TranscodeJob job = survivor.job(videoId);
      assertThat(job.status()).isEqualTo(JobStatus.COMPLETE);
      assertThat(job.attempt()).isEqualTo(2);
      assertThat(job.workerId()).isNotEqualTo("dead-worker");
    }
  }

  @Test
  void aJobThatKeepsFailingWithARetryableErrorFailsAfterMaxAttempts() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    Transcoder flaky =
        new ProbingTranscoder(
            request -> {
              tries.incrementAndGet();
              throw VodkitException.transcode("encoder ran out of scratch disk (simulated)", true, null);
            });
    try (VideoPipeline vodkit =
        VideoPipeline.embeddedBuilder(tmp.resolve("data"))
            .transcoder(flaky)
            .maxAttempts(3)
            .workers(1)
            .pollInterval(Duration.ofMillis(50))
            .build()) {
      String videoId = Uploads.uploadAndComplete(vodkit, clip);
      vodkit.publish(videoId);
      Video video = vodkit.awaitTerminal(videoId, Duration.ofMinutes(1));
      assertThat(video.status()).isEqualTo(VideoStatus.FAILED);
      assertThat(video.failureCode()).isEqualTo("transcode_failed");
      TranscodeJob job = vodkit.job(videoId);
      assertThat(job.status()).isEqualTo(JobStatus.FAILED);
      assertThat(job.attempt()).isEqualTo(3);
      assertThat(job.failedAt()).isNotNull();
      assertThat(tries.get()).isEqualTo(3);
    }
  }

  @Test
  void aWorkerThatLosesItsLeaseStopsAndDoesNotRecordAnOutcome() throws Exception {
    // The job is deleted under the running worker: its next heartbeat fails, ffmpeg is killed.
    AtomicInteger started = new AtomicInteger();
    CountDownLatch interrupted = new CountDownLatch(1);
    Transcoder slow =
        new ProbingTranscoder(
            request -> {
              started.incrementAndGet();
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
              throw new AssertionError("the worker was not interrupted");
            });
    try (VideoPipeline vodkit =
        VideoPipeline.embeddedBuilder(tmp.resolve("data"))
            .transcoder(slow)
            .workers(1)
            .heartbeatInterval(Duration.ofMillis(100))
            .pollInterval(Duration.ofMillis(50))
            .build()) {
      String videoId = Uploads.uploadAndComplete(vodkit, clip);
      vodkit.publish(videoId);
      long deadline = System.currentTimeMillis() + 30_000;
      while (started.get() == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(started.get()).isEqualTo(1);
      vodkit.delete(videoId);
      assertThat(interrupted.await(10, TimeUnit.SECONDS))
          .as("the worker was interrupted once its lease was gone")
          .isTrue();
      assertThat(vodkit.storage().list("videos/" + videoId + "/")).isEmpty();
      assertThat(vodkit.storage().list("raw/" + videoId + "/")).isEmpty();
    }
  }
}
