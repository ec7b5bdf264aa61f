package io.vodkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JdbcStore#awaitWork} on SQLite, where only the store's own enqueues, releases and
 * requeues can wake its waiters (there is no channel between processes).
 */
class SqliteAwaitWorkTest {
  private static final Instant T0 = Instant.parse("2026-06-20T17:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  @TempDir Path dir;
  private JdbcStore store;
  private ExecutorService waiter;

  @BeforeEach
  void open() {
    store = JdbcStore.sqlite(dir.resolve("vodkit.db"));
    waiter = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void close() {
    waiter.shutdownNow();
    store.close();
  }

  @Test
  void awaitWorkWakesAWaitingThreadWhenTheSameStoreEnqueues() throws Exception {
    Future<Boolean> woken = waiter.submit(() -> store.awaitWork(Duration.ofSeconds(10)));

    publish("vid_a");

    assertThat(woken.get(15, TimeUnit.SECONDS)).as("woken before the 10 s timeout").isTrue();
  }

  @Test
  void aWakeUpWithNobodyWaitingIsKeptForTheNextCallOnly() throws Exception {
    publish("vid_a");

    assertThat(store.awaitWork(Duration.ofSeconds(10))).isTrue();
    assertThat(store.awaitWork(Duration.ofMillis(50))).isFalse();
  }

  @Test
  void aReleasedAttemptAndASweptLeaseWakeWaitersToo() throws Exception {
    publish("vid_a");
    publish("vid_b");
    store.awaitWork(Duration.ZERO);
    TranscodeJob released = store.claim("w1", T0, LEASE).orElseThrow();
    TranscodeJob expired = store.claim("w2", T0, LEASE).orElseThrow();

    store.release(released.lease(), "storage_failed", "network down", T0.plusSeconds(1));
    assertThat(store.awaitWork(Duration.ofSeconds(10))).isTrue();

    store.requeueExpired(expired.lockedUntil().plusSeconds(1));
    assertThat(store.awaitWork(Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void awaitWorkReturnsFalseAfterItsTimeoutWhenNothingHappens() throws Exception {
    assertThat(store.awaitWork(Duration.ofMillis(50))).isFalse();
  }

  @Test
  void anotherStoreOnTheSameFileCannotWakeThisOne() throws Exception {
    try (JdbcStore other = JdbcStore.sqlite(dir.resolve("vodkit.db"))) {
      publish(other, "vid_a");
    }

    assertThat(store.awaitWork(Duration.ofMillis(50))).isFalse();
  }

  private void publish(String videoId) {
    publish(store, videoId);
  }

  private static void publish(JdbcStore target, String videoId) {
    target.createVideo(
        new Video(
            videoId, "owner", "t", "", "video/mp4", 1, VideoStatus.UPLOADED, null, List.of(), null,
            null, T0, T0),
        new UploadSession(
            videoId, "u", "raw/" + videoId + "/source", 1, 1, URI.create("https://s.example/"),
            List.of(), T0.plusSeconds(3600)));
    target.enqueue(TranscodeJob.queued("tjob_" + videoId, videoId, 3, T0, T0));
  }
}
