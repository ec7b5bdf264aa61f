package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.JobStatus;
import io.vodkit.NewUpload;
import io.vodkit.RenditionState;
import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling a running transcode with the real ffmpeg: the worker kills the encoder, deletes what
 * it wrote (also what it wrote after the facade's own delete), records no outcome, and goes on to
 * the next job.
 */
class TranscodeCancelTest {
  @TempDir static Path shared;
  static Path slowClip;
  static Path shortClip;

  @TempDir Path tmp;

  @BeforeAll
  static void makeClips() {
    // 720p30 for 20 s: two rungs (360p, 720p) take several seconds to encode on a 2-core box
    slowClip = TestClip.generate(shared.resolve("slow.mp4"), 1280, 720, 20, 3000);
    shortClip = TestClip.generate(shared.resolve("short.mp4"), 320, 180, 2, 300);
  }

  @Test
  void cancellingARunningEncodeKillsFfmpegDeletesItsOutputAndTheWorkerTakesTheNextJob() throws Exception {
    try (VideoPipeline vodkit =
        VideoPipeline.embeddedBuilder(tmp.resolve("data"))
            .workers(1)
            .heartbeatInterval(Duration.ofMillis(100))
            .pollInterval(Duration.ofMillis(50))
            .build()) {
      String slow = Uploads.uploadAndComplete(vodkit, slowClip);
      String next = Uploads.uploadAndComplete(vodkit, shortClip);
      vodkit.publish(slow);
      vodkit.publish(next); // queued behind the slow one: one worker

      awaitTrue(() -> encoding(vodkit.job(slow)) && !ffmpegProcesses().isEmpty(), Duration.ofMinutes(2),
          "ffmpeg running on " + slow + " and reporting progress");
      List<ProcessHandle> encoders = ffmpegProcesses();

      TranscodeJob cancelled = vodkit.cancel(slow);

      assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
      assertThat(cancelled.failedAt()).isNotNull();
      Video video = vodkit.video(slow);
      assertThat(video.status()).isEqualTo(VideoStatus.FAILED);
      assertThat(video.failureCode()).isEqualTo("cancelled");
      awaitTrue(() -> encoders.stream().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(15),
          "the cancelled job's ffmpeg exits");

      Video nextVideo = vodkit.awaitTerminal(next, Duration.ofMinutes(2));
      assertThat(nextVideo.status()).as("the worker took the next job").isEqualTo(VideoStatus.READY);
      assertThat(ffmpegProcesses()).as("no ffmpeg left running").isEmpty();
      assertThat(vodkit.storage().list(VideoPipeline.videoPrefix(slow))).isEmpty();
      assertThat(vodkit.storage().list(VideoPipeline.sourceKey(slow))).as("the source is kept").hasSize(1);
      TranscodeJob after = vodkit.job(slow);
      assertThat(after.status()).as("the worker recorded no outcome over the cancel").isEqualTo(JobStatus.CANCELLED);
      assertThat(after.errorCode()).isEqualTo("cancelled");
      assertThat(vodkit.job(next).status()).isEqualTo(JobStatus.COMPLETE);
    }
  }

  @Test
  void objectsUploadedAfterTheFacadesDeleteAreDeletedByTheWorker() throws Exception {
    // The first upload under videos/ blocks until the test has cancelled (ignoring the worker's
    // interrupt, like a blocking network client); then the worker goes on uploading, after the
    // facade's deletePrefix has already run, until it notices the lost lease before the masters.
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger putsAfterCancel = new AtomicInteger();
    HookedStorage storage =
        HookedStorage.onDisk(tmp.resolve("storage"), key -> {
          if (!key.startsWith("videos/")) {
            return;
          }
          entered.countDown();
          awaitUninterruptibly(release);
          putsAfterCancel.incrementAndGet();
        });
    try (VideoPipeline vodkit =
        storage.pipeline(tmp)
            .workers(1)
            .heartbeatInterval(Duration.ofMillis(100))
            .pollInterval(Duration.ofMillis(50))
            .build()) {
      String videoId = putAndComplete(vodkit, shortClip);
      vodkit.publish(videoId);

      assertThat(entered.await(2, TimeUnit.MINUTES)).as("the worker started uploading").isTrue();
      assertThat(vodkit.cancel(videoId).status()).isEqualTo(JobStatus.CANCELLED);
      release.countDown();

      awaitTrue(() -> putsAfterCancel.get() > 1 && storage.list("videos/").isEmpty(),
          Duration.ofSeconds(30), "the worker deleted what it uploaded after the cancel");
      Thread.sleep(500); // nothing is written later either
      assertThat(storage.list(VideoPipeline.videoPrefix(videoId))).isEmpty();
      assertThat(vodkit.job(videoId).status()).isEqualTo(JobStatus.CANCELLED);
    }
  }

  /** Creates a video and completes it by putting the file straight into storage. */
  static String putAndComplete(VideoPipeline vodkit, Path file) throws Exception {
    UploadSession up = vodkit.createUpload(NewUpload.of("user_1", "clip", "video/mp4", Files.size(file)));
    vodkit.storage().put(up.objectKey(), file, ObjectMetadata.of("video/mp4", CachePolicy.PRIVATE));
    vodkit.completeUpload(up.videoId(), List.of());
    return up.videoId();
  }

  /** Waits, swallowing interrupts: a storage client that neither notices nor reports them. */
  private static void awaitUninterruptibly(CountDownLatch latch) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        // swallowed on purpose
      }
    }
  }

  private static boolean encoding(TranscodeJob job) {
    return job.renditions().stream().anyMatch(r -> r.state() == RenditionState.PROCESSING && r.pct() > 0);
  }

  /** ffmpeg processes started by this JVM. */
  private static List<ProcessHandle> ffmpegProcesses() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg") || c.equals("ffmpeg")).orElse(false))
        .filter(ProcessHandle::isAlive)
        .toList();
  }

  private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(20);
    }
  }
}
