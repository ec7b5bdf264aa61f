package io.vodkit.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import io.vodkit.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferedViewCounterTest {
  private static final String VIDEO = "vid_0123456789abcdef";
  /** No periodic flush during a test: tests flush by hand. */
  private static final ViewCounterConfig MANUAL =
      ViewCounterConfig.defaults()
          .withFlushInterval(Duration.ofHours(12))
          .withReadCacheTtl(Duration.ZERO)
          .withClockTick(Duration.ZERO);

  private final MutableClock clock = MutableClock.at("2026-06-20T10:05:00Z");
  private final InMemoryViewStore store = new InMemoryViewStore();
  private final List<BufferedViewCounter> counters = new ArrayList<>();

  private BufferedViewCounter counter(ViewSink sink) {
    BufferedViewCounter c = new BufferedViewCounter(sink, store, MANUAL, clock, 16);
    counters.add(c);
    return c;
  }

  @AfterEach
  void closeCounters() {
    counters.forEach(BufferedViewCounter::close);
  }

  @Test
  void aViewCountsFromTenSecondsWatchedOncePerViewerPerClockHour() {
    BufferedViewCounter views = counter(store);

    views.record(VIDEO, "alice", 9.9);
    views.flush();
    assertThat(views.viewCount(VIDEO)).as("9.9 s is not a view").isZero();

    views.record(VIDEO, "alice", 10.0);
    views.flush();
    assertThat(views.viewCount(VIDEO)).as("10 s is a view").isEqualTo(1);

    clock.set("2026-06-20T10:59:59.999Z");
    views.record(VIDEO, "alice", 95.0);
    views.flush();
    assertThat(views.viewCount(VIDEO)).as("again within the clock hour").isEqualTo(1);

    clock.set("2026-06-20T11:00:00Z");
    views.record(VIDEO, "alice", 12.0);
    views.flush();
    assertThat(views.viewCount(VIDEO)).as("the next clock hour counts again").isEqualTo(2);
  }

  @Test
  void forgettingAVideoDropsItsFlushedAndPendingCountsAndLeavesOthers() {
    BufferedViewCounter views = counter(store);
    views.record(VIDEO, "alice", 12);
    views.record("vid_other", "alice", 12);
    views.flush();
    views.record(VIDEO, "bob", 12); // recorded, not flushed yet

    views.forget(VIDEO);

    assertThat(views.viewCount(VIDEO)).isZero();
    assertThat(views.viewsLast24Hours(VIDEO)).isZero();
    assertThat(views.uniqueViewers(VIDEO, LocalDate.of(2026, 6, 20))).isZero();
    assertThat(views.viewCount("vid_other")).isEqualTo(1);
    views.flush();
    assertThat(views.viewCount(VIDEO)).as("the pending view was dropped, not flushed later").isZero();
  }

  @Test
  void theHourIsAFixedClockHourNotSlidingSoViewsAMinuteApartAcrossTheHourCountTwice() {
    BufferedViewCounter views = counter(store);
    clock.set("2026-06-20T10:59:30Z");
    views.record(VIDEO, "bob", 10);
    clock.set("2026-06-20T11:00:30Z");
    views.record(VIDEO, "bob", 70);
    clock.set("2026-06-20T11:59:00Z");
    views.record(VIDEO, "bob", 3_600);
    views.flush();
    assertThat(views.viewCount(VIDEO)).isEqualTo(2);
  }

  @Test
  void eventsBelowTheThresholdDoNotUseUpTheViewersHour() {
    BufferedViewCounter views = counter(store);
    views.record(VIDEO, "carol", 4);
    views.record(VIDEO, "carol", Double.NaN);
    views.record(VIDEO, "carol", -20);
    views.record(VIDEO, "carol", 10.5);
    views.record("vid_other0000000000", "carol", 11); // another video counts on its own
    views.flush();
    assertThat(views.viewCount(VIDEO)).isEqualTo(1);
    assertThat(views.viewCount("vid_other0000000000")).isEqualTo(1);
  }

  @Test
  void recordingFromEightThreadsWhileFlushesRunEqualsTheExactCount() throws Exception {
    BufferedViewCounter views = counter(store);
    int threads = 8;
    int viewersPerThread = 50_000;
    String[] videos = {"vid_aaaaaaaaaaaaaaaa", "vid_bbbbbbbbbbbbbbbb", "vid_cccccccccccccccc"};
    AtomicBoolean recording = new AtomicBoolean(true);
    AtomicInteger flushes = new AtomicInteger();
    Thread flusher =
        new Thread(
            () -> {
              while (recording.get()) {
                views.flush();
                flushes.incrementAndGet();
              }
            });
    flusher.start();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        tasks.add(
            () -> {
              for (int i = 0; i < viewersPerThread; i++) {
                String viewer = "viewer-" + thread + "-" + i;
                for (String video : videos) {
                  views.record(video, viewer, 30);
                  views.record(video, viewer, 40); // same hour: not another view
                }
              }
              return null;
            });
      }
      for (Future<Void> f : pool.invokeAll(tasks)) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      recording.set(false);
      flusher.join();
    }
    views.flush();
    assertThat(flushes.get()).as("flushes ran while threads recorded").isGreaterThan(1);
    for (String video : videos) {
      assertThat(views.viewCount(video)).isEqualTo((long) threads * viewersPerThread);
    }
  }

  @Test
  void aFlushThatCommittedButCrashedBeforeItsAckIsRetriedUnderTheSameIdAndAddsNothing() {
    CommitThenFail sink = new CommitThenFail(store, 1);
    BufferedViewCounter views = counter(sink);
    for (int i = 0; i < 100; i++) {
      views.record(VIDEO, "viewer-" + i, 15);
    }

    assertThatThrownBy(views::flush).isInstanceOf(VodkitException.class);
    assertThat(store.views(VIDEO)).as("the commit happened").isEqualTo(100);
    assertThat(views.pendingFlushes()).as("but the deltas were not cleared").isEqualTo(1);

    views.flush(); // the retry: same flush id
    assertThat(sink.attempts).containsExactly(sink.attempts.get(0), sink.attempts.get(0));
    assertThat(views.pendingFlushes()).isZero();
    assertThat(store.views(VIDEO)).isEqualTo(100);
  }

  @Test
  void aFlushThatFailedBeforeCommittingIsRetriedAndCountedOnce() {
    FailBeforeCommit sink = new FailBeforeCommit(store, 2);
    BufferedViewCounter views = counter(sink);
    views.record(VIDEO, "dave", 15);
    assertThatThrownBy(views::flush).isInstanceOf(VodkitException.class);
    views.record(VIDEO, "erin", 15);
    assertThatThrownBy(views::flush).isInstanceOf(VodkitException.class);
    assertThat(views.pendingFlushes()).isEqualTo(2);
    views.flush();
    assertThat(views.pendingFlushes()).isZero();
    assertThat(store.views(VIDEO)).isEqualTo(2);
  }

  @Test
  void pastTheBoundOnFailedFlushesTheOldestIsDropped() {
    FailBeforeCommit sink = new FailBeforeCommit(store, 3);
    BufferedViewCounter views =
        new BufferedViewCounter(sink, store, MANUAL.withMaxPendingFlushes(2), clock, 16);
    counters.add(views);
    for (int i = 0; i < 3; i++) {
      views.record(VIDEO, "viewer-" + i, 15);
      assertThatThrownBy(views::flush).isInstanceOf(VodkitException.class);
    }
    assertThat(views.pendingFlushes()).isEqualTo(2);
    views.flush();
    assertThat(store.views(VIDEO)).isEqualTo(2);
  }

  @Test
  void viewsInTheLast24HoursCoverTheCurrentClockHourAndThe23Before() {
    BufferedViewCounter views = counter(store);
    clock.set("2026-06-19T10:59:00Z"); // 24 h ago, in the hour that just left the range
    views.record(VIDEO, "frank", 10);
    clock.set("2026-06-19T11:00:00Z"); // the oldest hour still in range
    views.record(VIDEO, "grace", 10);
    clock.set("2026-06-20T10:30:00Z");
    views.record(VIDEO, "heidi", 10);
    views.flush();
    assertThat(views.viewsLast24Hours(VIDEO)).isEqualTo(2);
    assertThat(views.viewCount(VIDEO)).isEqualTo(3);
  }

  @Test
  void uniqueViewersArePerUtcDayAndCountEachViewerOnce() {
    BufferedViewCounter views = counter(store);
    clock.set("2026-06-20T09:00:00Z");
    for (int i = 0; i < 300; i++) {
      views.record(VIDEO, "viewer-" + i, 20);
    }
    clock.set("2026-06-20T10:00:00Z");
    for (int i = 0; i < 300; i++) {
      views.record(VIDEO, "viewer-" + i, 20); // a new hour: new views, same viewers
    }
    clock.set("2026-06-21T00:10:00Z");
    views.record(VIDEO, "viewer-0", 20);
    views.flush();
    assertThat(views.viewCount(VIDEO)).isEqualTo(601);
    assertThat(views.uniqueViewers(VIDEO, LocalDate.parse("2026-06-20"))).isEqualTo(300);
    assertThat(views.uniqueViewers(VIDEO, LocalDate.parse("2026-06-21"))).isEqualTo(1);
  }

  @Test
  void readsAreServedFromTheCacheUntilItExpires() {
    BufferedViewCounter views =
        new BufferedViewCounter(
            store, store, MANUAL.withReadCacheTtl(Duration.ofSeconds(15)), clock, 16);
    counters.add(views);
    assertThat(views.viewCount(VIDEO)).isZero();
    store.apply(
        new ViewBatch(
            "vf_elsewhere",
            List.of(new HourlyViews(VIDEO, java.time.Instant.parse("2026-06-20T10:00:00Z"), 5)),
            List.of(),
            List.of()));
    assertThat(views.viewCount(VIDEO)).as("another instance's flush: cached").isZero();
    clock.advance(Duration.ofSeconds(16));
    assertThat(views.viewCount(VIDEO)).isEqualTo(5);
  }

  @Test
  void withAClockTickEventsAreStampedWithTheLastTickUntilTheNextOne() {
    BufferedViewCounter views =
        new BufferedViewCounter(store, store, MANUAL.withClockTick(Duration.ofSeconds(1)), clock, 16);
    counters.add(views);
    clock.set("2026-06-20T10:59:59.995Z");
    views.flush(); // a flush refreshes the tick too
    clock.set("2026-06-20T11:00:00.001Z");
    views.record(VIDEO, "ken", 10); // stamped 10:59:59.995: the 10:00 hour
    views.flush(); // tick: now 11:00
    views.record(VIDEO, "ken", 10); // a new hour: counts again
    views.flush();
    assertThat(views.viewCount(VIDEO)).isEqualTo(2);
    assertThat(store.viewsSince(VIDEO, java.time.Instant.parse("2026-06-20T11:00:00Z"))).isEqualTo(1);
  }

  @Test
  void closeFlushesWhatIsLeftAndLaterEventsAreDropped() {
    BufferedViewCounter views = counter(store);
    views.record(VIDEO, "ivan", 10);
    views.close();
    views.record(VIDEO, "judy", 10);
    assertThat(store.views(VIDEO)).isEqualTo(1);
  }

  /** Applies, then fails the first {@code failures} times: a commit whose answer was lost. */
  private static final class CommitThenFail implements ViewSink {
    private final ViewSink delegate;
    private int failures;
    final List<String> attempts = new ArrayList<>();

    CommitThenFail(ViewSink delegate, int failures) {
      this.delegate = delegate;
      this.failures = failures;
    }

    @Override
    public void forget(String videoId) {
      delegate.forget(videoId);
    }

    @Override
    public boolean apply(ViewBatch batch) {
      attempts.add(batch.flushId());
      boolean applied = delegate.apply(batch);
      if (failures-- > 0) {
        throw VodkitException.store("connection reset after commit", null);
      }
      return applied;
    }
  }

  /** Fails the first {@code failures} times without applying anything. */
  private static final class FailBeforeCommit implements ViewSink {
    private final ViewSink delegate;
    private int failures;

    FailBeforeCommit(ViewSink delegate, int failures) {
      this.delegate = delegate;
      this.failures = failures;
    }

    @Override
    public void forget(String videoId) {
      delegate.forget(videoId);
    }

    @Override
    public boolean apply(ViewBatch batch) {
      if (failures-- > 0) {
        throw new VodkitException(ErrorCode.STORE_FAILED, "database is down", true, null, null);
      }
      return delegate.apply(batch);
    }
  }
}
