package io.vodkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.JobStatus;
import io.vodkit.TranscodeJob;
import io.vodkit.Video;
import io.vodkit.VideoPipeline;
import io.vodkit.VideoStatus;
import io.vodkit.spi.CachePolicy;
import io.vodkit.spi.ObjectInfo;
import io.vodkit.spi.ObjectMetadata;
import io.vodkit.spi.ObjectStorage;
import io.vodkit.spi.PutResult;
import io.vodkit.storage.fs.FsObjectStorage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The masters are written by conditional writes with the real ffmpeg, SQLite and filesystem
 * storage: a re-run finding its own identical master keeps it, another attempt's different master
 * is replaced while the lease is held, and an attempt that loses its lease right before the master
 * write — before its lease re-check or between that re-check and the PUT — leaves the new holder's
 * master untouched.
 */
class MasterWriteTest {
  private static final ObjectMetadata MANIFEST = ObjectMetadata.of("application/vnd.apple.mpegurl", CachePolicy.MANIFEST);
  private static final byte[] OTHER_HLS = "#EXTM3U\n# written by another attempt\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER_DASH = "<?xml version=\"1.0\"?><MPD><!-- another attempt --></MPD>\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] THIEF_HLS = "#EXTM3U\n# written by the new lease holder\n".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path shared;
  static Path clip;

  @TempDir Path tmp;

  @BeforeAll
  static void makeClip() {
    clip = TestClip.generate(shared.resolve("clip.mp4"), 320, 180, 2, 300);
  }

  @Test
  void aReRunFindingItsOwnIdenticalMasterKeepsItWithoutReplacing() throws Exception {
    MasterHooks storage = new MasterHooks(tmp.resolve("storage"));
    // "an earlier attempt" wrote exactly these bytes just before this one gets to them
    storage.beforePutIfAbsent = (key, bytes) -> storage.delegate.put(key, bytes, MANIFEST);
    try (VideoPipeline vodkit = pipeline(storage)) {
      String videoId = TranscodeCancelTest.putAndComplete(vodkit, clip);
      vodkit.publish(videoId);

      assertThat(vodkit.awaitTerminal(videoId, Duration.ofMinutes(2)).status()).isEqualTo(VideoStatus.READY);
      String prefix = VideoPipeline.videoPrefix(videoId);
      assertThat(storage.putIfAbsentKeys).containsExactly(prefix + "manifest.m3u8", prefix + "manifest.mpd");
      assertThat(storage.putIfMatchKeys).as("nothing to replace").isEmpty();
      assertThat(text(storage, prefix + "manifest.m3u8")).startsWith("#EXTM3U").contains("#EXT-X-STREAM-INF");
    }
  }

  @Test
  void anotherAttemptsDifferentMasterIsReplacedWhileTheLeaseIsHeld() throws Exception {
    MasterHooks storage = new MasterHooks(tmp.resolve("storage"));
    try (VideoPipeline vodkit = pipeline(storage)) {
      String videoId = TranscodeCancelTest.putAndComplete(vodkit, clip);
      String prefix = VideoPipeline.videoPrefix(videoId);
      storage.put(prefix + "manifest.m3u8", OTHER_HLS, MANIFEST);
      storage.put(prefix + "manifest.mpd", OTHER_DASH, MANIFEST);
      vodkit.publish(videoId);

      assertThat(vodkit.awaitTerminal(videoId, Duration.ofMinutes(2)).status()).isEqualTo(VideoStatus.READY);
      assertThat(storage.putIfMatchKeys).containsExactly(prefix + "manifest.m3u8", prefix + "manifest.mpd");
      assertThat(text(storage, prefix + "manifest.m3u8"))
          .startsWith("#EXTM3U").contains("#EXT-X-STREAM-INF").doesNotContain("another attempt");
      assertThat(text(storage, prefix + "manifest.mpd")).contains("<MPD").contains("Representation").doesNotContain("another attempt");
    }
  }

  @Test
  void anAttemptThatLosesItsLeaseBeforeTheMasterWriteLeavesTheOtherAttemptsMasterUntouched() throws Exception {
    MasterHooks storage = new MasterHooks(tmp.resolve("storage"));
    try (VideoPipeline vodkit = pipeline(storage)) {
      String videoId = TranscodeCancelTest.putAndComplete(vodkit, clip);
      String prefix = VideoPipeline.videoPrefix(videoId);
      storage.put(prefix + "manifest.m3u8", OTHER_HLS, MANIFEST);
      storage.put(prefix + "manifest.mpd", OTHER_DASH, MANIFEST);
      ObjectInfo before = storage.head(prefix + "manifest.m3u8").orElseThrow();
      AtomicBoolean stolen = new AtomicBoolean();
      storage.beforePutIfAbsent = (key, bytes) -> {
        if (stolen.compareAndSet(false, true)) {
          stealJob(vodkit, videoId);
        }
      };
      vodkit.publish(videoId);

      awaitAttemptOver(vodkit, videoId, stolen);
      assertThat(storage.putIfMatchKeys).as("the stale attempt replaced nothing").isEmpty();
      assertThat(storage.putIfAbsentKeys).as("it stopped at the first master").containsExactly(prefix + "manifest.m3u8");
      assertThat(bytes(storage, prefix + "manifest.m3u8")).isEqualTo(OTHER_HLS);
      assertThat(storage.head(prefix + "manifest.m3u8").orElseThrow().lastModified()).isEqualTo(before.lastModified());
      assertThat(bytes(storage, prefix + "manifest.mpd")).isEqualTo(OTHER_DASH);
      assertHeldByTheThief(vodkit, videoId);
    }
  }

  @Test
  void anAttemptThatLosesItsLeaseBetweenTheRecheckAndThePutCannotClobberTheNewHoldersMaster() throws Exception {
    MasterHooks storage = new MasterHooks(tmp.resolve("storage"));
    try (VideoPipeline vodkit = pipeline(storage)) {
      String videoId = TranscodeCancelTest.putAndComplete(vodkit, clip);
      String prefix = VideoPipeline.videoPrefix(videoId);
      storage.put(prefix + "manifest.m3u8", OTHER_HLS, MANIFEST);
      AtomicBoolean stolen = new AtomicBoolean();
      // the stale worker re-checked its lease and is about to swap out the version it read: just
      // then the new holder's master lands and the job is taken over (in this order, so that no
      // interrupt of the losing worker's thread can stop the new holder's write)
      storage.beforePutIfMatch = (key, bytes) -> {
        if (stolen.compareAndSet(false, true)) {
          storage.put(key, THIEF_HLS, MANIFEST);
          stealJob(vodkit, videoId);
        }
      };
      vodkit.publish(videoId);

      awaitAttemptOver(vodkit, videoId, stolen);
      assertThat(storage.putIfMatchKeys).containsExactly(prefix + "manifest.m3u8");
      assertThat(bytes(storage, prefix + "manifest.m3u8")).as("the new holder's master").isEqualTo(THIEF_HLS);
      assertThat(storage.head(prefix + "manifest.mpd")).as("the stale attempt went no further").isEmpty();
      assertHeldByTheThief(vodkit, videoId);
    }
  }

  // ------------------------------------------------------------------ helpers

  /**
   * A pipeline like {@link HookedStorage#pipeline}'s on {@code storage}, one worker. (The hooked
   * storage there serves only as the builder's template.)
   */
  private VideoPipeline pipeline(MasterHooks storage) {
    return HookedStorage.onDisk(tmp.resolve("unused"), key -> {})
        .pipeline(tmp)
        .storage(storage)
        .workers(1)
        .pollInterval(Duration.ofMillis(50))
        .heartbeatInterval(Duration.ofMillis(200))
        .build();
  }

  /** What a lost lease looks like to the worker: its lease swept, the job claimed by "thief". */
  private static void stealJob(VideoPipeline vodkit, String videoId) {
    String jobId = vodkit.job(videoId).id();
    assertThat(vodkit.store().requeueExpired(Instant.now().plus(Duration.ofDays(1)))).isEqualTo(1);
    Optional<TranscodeJob> claimed = vodkit.store().claim("thief", Instant.now(), Duration.ofHours(1));
    assertThat(claimed).map(TranscodeJob::id).contains(jobId);
  }

  /** Waits until the hook fired and the stale attempt's run is over (its work dir deleted). */
  private void awaitAttemptOver(VideoPipeline vodkit, String videoId, AtomicBoolean stolen) throws Exception {
    Path work = tmp.resolve("work");
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (!(stolen.get() && workDirsOf(work, vodkit.job(videoId).id()).isEmpty())) {
      assertThat(Instant.now()).as("the stale attempt reaches its master write and stops").isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private static List<Path> workDirsOf(Path work, String jobId) throws IOException {
    if (!Files.isDirectory(work)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(work)) {
      return dirs.filter(d -> d.getFileName().toString().startsWith(jobId + "-")).toList();
    }
  }

  private static void assertHeldByTheThief(VideoPipeline vodkit, String videoId) {
    TranscodeJob job = vodkit.job(videoId);
    assertThat(job.status()).isEqualTo(JobStatus.PROCESSING);
    assertThat(job.workerId()).as("the stale worker recorded nothing over the new holder").isEqualTo("thief");
    Video video = vodkit.video(videoId);
    assertThat(video.status()).isEqualTo(VideoStatus.TRANSCODING);
  }

  private static byte[] bytes(ObjectStorage storage, String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return in.readAllBytes();
    }
  }

  private static String text(ObjectStorage storage, String key) throws IOException {
    return new String(bytes(storage, key), StandardCharsets.UTF_8);
  }

  /**
   * Filesystem storage (no upload server) that records the conditional writes and runs a hook on
   * the writing thread before each one, then does it atomically as {@link FsObjectStorage} does.
   */
  private static final class MasterHooks extends ForwardingStorage {
    final List<String> putIfAbsentKeys = new CopyOnWriteArrayList<>();
    final List<String> putIfMatchKeys = new CopyOnWriteArrayList<>();
    volatile BiConsumer<String, byte[]> beforePutIfAbsent = (key, bytes) -> {};
    volatile BiConsumer<String, byte[]> beforePutIfMatch = (key, bytes) -> {};

    MasterHooks(Path root) {
      super(FsObjectStorage.create(root, URI.create("http://127.0.0.1:9/uploads/")));
    }

    @Override
    public PutResult putIfAbsent(String key, byte[] bytes, ObjectMetadata metadata) {
      putIfAbsentKeys.add(key);
      beforePutIfAbsent.accept(key, bytes);
      return delegate.putIfAbsent(key, bytes, metadata);
    }

    @Override
    public boolean putIfMatch(String key, byte[] bytes, ObjectMetadata metadata, String expectedEtag) {
      putIfMatchKeys.add(key);
      beforePutIfMatch.accept(key, bytes);
      return delegate.putIfMatch(key, bytes, metadata, expectedEtag);
    }
  }
}
