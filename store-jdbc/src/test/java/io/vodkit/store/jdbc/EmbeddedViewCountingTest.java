package io.vodkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.VodkitException;
import io.vodkit.testing.MutableClock;
import io.vodkit.views.BufferedViewCounter;
import io.vodkit.views.ViewBatch;
import io.vodkit.views.ViewCounterConfig;
import io.vodkit.views.ViewSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded backend end to end: the in-memory counter flushing to SQLite. */
class EmbeddedViewCountingTest {
  private static final String VIDEO = "vid_BBBBBBBBBBBBBBBB";
  private static final ViewCounterConfig MANUAL =
      ViewCounterConfig.defaults()
          .withFlushInterval(Duration.ofHours(12))
          .withReadCacheTtl(Duration.ZERO)
          .withClockTick(Duration.ZERO);

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-06-20T10:05:00Z");
  private JdbcViewStore store;

  @BeforeEach
  void open() {
    store = JdbcViewStore.sqlite(dir.resolve("vodkit.db"), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void fourThreadsRecordingWhileFlushesRunLandTheExactCountInSqlite() throws Exception {
    try (BufferedViewCounter views = new BufferedViewCounter(store, store, MANUAL, clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int thread = t;
          running.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < 25_000; i++) {
                      views.record(VIDEO, "viewer-" + thread + "-" + i, 11);
                      views.record(VIDEO, "viewer-" + thread + "-" + i, 12);
                    }
                  }));
        }
        while (!running.stream().allMatch(Future::isDone)) {
          views.flush();
        }
        for (Future<?> f : running) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      views.flush();
      assertThat(views.viewCount(VIDEO)).isEqualTo(100_000);
      assertThat(views.viewsLast24Hours(VIDEO)).isEqualTo(100_000);
    }
  }

  @Test
  void aFlushCommittedToSqliteButNotAcknowledgedIsNotCountedTwiceOnRetry() {
    CommitThenCrash sink = new CommitThenCrash(store);
    try (BufferedViewCounter views = new BufferedViewCounter(sink, store, MANUAL, clock)) {
      for (int i = 0; i < 250; i++) {
        views.record(VIDEO, "viewer-" + i, 30);
      }
      assertThatThrownBy(views::flush).isInstanceOf(VodkitException.class);
      assertThat(store.views(VIDEO)).as("committed before the crash").isEqualTo(250);
      assertThat(views.pendingFlushes()).as("deltas not cleared").isEqualTo(1);

      views.record(VIDEO, "late-viewer", 30);
      views.flush(); // replays the committed flush (same id), then the new one
      assertThat(sink.ids).hasSize(3);
      assertThat(sink.ids.get(1)).isEqualTo(sink.ids.get(0));
      assertThat(store.views(VIDEO)).isEqualTo(251);
    }
  }

  @Test
  void aMillionDistinctViewersAreEstimatedWithinTwoPercentAfterTheFlush() {
    try (BufferedViewCounter views =
        new BufferedViewCounter(
            store, store, MANUAL.withMaxViewersPerWindow(2_000_000), clock)) {
      for (int i = 0; i < 1_000_000; i++) {
        views.record(VIDEO, "viewer-" + i, 10);
      }
      views.flush();
      long estimate = views.uniqueViewers(VIDEO, LocalDate.parse("2026-06-20"));
      assertThat(Math.abs(estimate - 1_000_000) / 1_000_000.0).isLessThanOrEqualTo(0.02);
      assertThat(views.viewCount(VIDEO)).isEqualTo(1_000_000);
    }
  }

  /** Lets the first flush commit, then fails it as a crash before the acknowledgement would. */
  private static final class CommitThenCrash implements ViewSink {
    private final ViewSink store;
    final List<String> ids = new ArrayList<>();

    CommitThenCrash(ViewSink store) {
      this.store = store;
    }

    @Override
    public void forget(String videoId) {
      store.forget(videoId);
    }

    @Override
    public boolean apply(ViewBatch batch) {
      ids.add(batch.flushId());
      boolean applied = store.apply(batch);
      if (ids.size() == 1) {
        throw VodkitException.store("process died after COMMIT", null);
      }
      return applied;
    }
  }
}
