package io.vodkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.JobStatus;
import io.vodkit.TranscodeJob;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.examples.TestClip;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a worker process in the middle of a transcode: the job goes back to {@code queued}
 * within seconds (the lease is a minute), the process exits after a clean close, and another
 * worker process then finishes the job. Worker and test share an fs storage and a SQLite file.
 */
class WorkerShutdownTest {
  private static final Duration LEASE = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  @Timeout(240)
  void sigtermReleasesTheRunningJobAtOnce() throws Exception {
    Properties slow = FleetProperties.fsSqlite(dir);
    slow.setProperty(PipelineConfig.WORKERS, "1");
    slow.setProperty(PipelineConfig.LEASE, LEASE.toSeconds() + "s");
    slow.setProperty(PipelineConfig.HEARTBEAT, "500ms");
    slow.setProperty(PipelineConfig.POLL_INTERVAL, "200ms");
    slow.setProperty(PipelineConfig.FFMPEG_THREADS, "1");
    slow.setProperty(PipelineConfig.FFMPEG_PRESET, "slower"); // keeps ffmpeg busy long enough to be stopped
    Properties fast = (Properties) slow.clone();
    fast.setProperty(PipelineConfig.FFMPEG_PRESET, "ultrafast");
    Path slowConfig = FleetProperties.write(slow, dir.resolve("slow.properties"));
    Path fastConfig = FleetProperties.write(fast, dir.resolve("fast.properties"));
    Path clip = TestClip.generate(dir.resolve("clip.mp4"), 640, 360, 30, 800);

    Properties api = (Properties) slow.clone();
    api.setProperty(PipelineConfig.WORKERS, "0");
    try (VideoPipeline pipeline = PipelineConfig.of(api, "api").builder().build()) {
      WorkerProcess first = WorkerProcess.start(slowConfig, dir.resolve("worker-1.log"));
      assertThat(first.awaitReady(Duration.ofSeconds(60))).as(first.output()).isTrue();
      String videoId = Publishing.publish(pipeline, clip);

      TranscodeJob running = awaitEncoding(pipeline, videoId, Duration.ofSeconds(60));
      assertThat(running.workerId()).isNotNull();
      Thread.sleep(1_000); // ffmpeg is under way
      assertThat(pipeline.job(videoId).status()).as("still encoding when SIGTERM comes").isEqualTo(JobStatus.PROCESSING);

      Instant sigterm = Instant.now();
      first.terminate();
      TranscodeJob released = awaitNotProcessing(pipeline, videoId, LEASE);
      Duration releasedAfter = Duration.between(sigterm, Instant.now());
      int exit = first.awaitExit(Duration.ofSeconds(30));

      System.out.printf("SIGTERM -> job %s (error_code %s) after %d ms (lease %d s); worker exit %d%n",
          released.status().wireName(), released.errorCode(), releasedAfter.toMillis(), LEASE.toSeconds(), exit);
      assertThat(released.status()).isEqualTo(JobStatus.QUEUED);
      assertThat(released.workerId()).isNull();
      assertThat(released.lockedUntil()).isNull();
      assertThat(released.attempt()).as("a graceful stop does not use up an attempt").isZero();
      assertThat(released.errorCode()).as("nothing failed").isNull();
      assertThat(releasedAfter).isLessThan(Duration.ofSeconds(10));
      assertThat(exit).as("killed by SIGTERM after the hooks ran").isEqualTo(143);
      assertThat(first.output()).contains(WorkerMain.STOPPED).doesNotContain("Exception in thread");

      WorkerProcess second = WorkerProcess.start(fastConfig, dir.resolve("worker-2.log"));
      try {
        Video done = pipeline.awaitTerminal(videoId, Duration.ofSeconds(150));
        assertThat(done.status()).as(second.output()).isEqualTo(VideoStatus.READY);
        assertThat(pipeline.job(videoId).attempt()).isEqualTo(1);
        assertThat(pipeline.storage().head("videos/" + videoId + "/manifest.m3u8")).isPresent();
      } finally {
        second.terminate();
        assertThat(second.awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
      }
    }
  }

  /** Waits until a worker holds the job and has planned its ladder (ffmpeg starts right after). */
  private static TranscodeJob awaitEncoding(VideoPipeline pipeline, String videoId, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      TranscodeJob job = pipeline.job(videoId);
      if (job.status() == JobStatus.PROCESSING && !job.renditions().isEmpty()) {
        return job;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no worker started encoding " + videoId + ": " + pipeline.job(videoId));
  }

  private static TranscodeJob awaitNotProcessing(VideoPipeline pipeline, String videoId, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      TranscodeJob job = pipeline.job(videoId);
      if (job.status() != JobStatus.PROCESSING) {
        return job;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("job of " + videoId + " still processing after " + timeout);
  }
}
