package io.vodkit.store.jdbc;

import io.vodkit.TranscodeJob;
import io.vodkit.UploadSession;
import io.vodkit.Video;
import io.vodkit.VideoStatus;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test helper for queue races: publishes numbered uploaded videos with queued jobs (oldest first),
 * and starts tasks together on their own threads. One instance per test: numbers are unique in it.
 */
final class QueueFixtures {
  static final Instant T0 = Instant.parse("2026-06-20T17:00:00Z");

  private final AtomicInteger ids = new AtomicInteger();

  /** Publishes {@code count} uploaded videos through {@code store}; returns their job ids. */
  List<String> publish(JdbcStore store, int count) {
    List<String> jobIds = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = ids.incrementAndGet();
      String videoId = String.format("vid_%016d", n);
      Video video =
          new Video(
              videoId, "owner", "t", "", "video/mp4", 1, VideoStatus.UPLOADED, null, List.of(),
              null, null, T0, T0);
      store.createVideo(
          video,
          new UploadSession(
              videoId, "u", "raw/" + videoId + "/source", 1, 1, URI.create("https://s.example/"),
              List.of(), T0.plusSeconds(3600)));
      jobIds.add(
          store
              .enqueue(
                  TranscodeJob.queued(
                      String.format("tjob_%016d", n), videoId, 3, T0.plusMillis(n), T0))
              .id());
    }
    return jobIds;
  }

  /** Runs every task on its own thread, released together; returns their results in order. */
  static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
