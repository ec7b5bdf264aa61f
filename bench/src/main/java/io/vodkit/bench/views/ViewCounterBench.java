package io.vodkit.bench.views;

import io.vodkit.views.BufferedViewCounter;
import io.vodkit.views.InMemoryViewStore;
import io.vodkit.views.ViewCounterConfig;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second into {@link BufferedViewCounter#record} from 2 threads, the embedded hot path
 * (goal: 20 M/s). The counter flushes every second to an {@link InMemoryViewStore} on its own
 * thread during the run, as it would in production (sharing the 2 cores).
 *
 * <p>Each thread replays its own 2^20 pre-built player events (each with its own id strings, in
 * event order in memory, as freshly parsed requests would be): 1,000 videos, video ids of 20 and
 * viewer keys of 24 characters. {@code mix}:
 *
 * <ul>
 *   <li>{@code repeat-1k} and {@code repeat-64k} — steady heartbeats from 1,024 or 65,536 (video,
 *       viewer) pairs a thread, in random order, watched seconds uniform in [0, 60) so 5 in 6
 *       qualify: after the first pass every qualifying event is a repeat in its hour (hash both
 *       ids, one probe of the dedup set). With 1 Ki pairs the set stays in L1/L2 and the figure
 *       is the hot path's CPU cost; with 64 Ki pairs a thread (a 2–4 MiB set) most probes miss
 *       the core's caches;
 *   <li>{@code new-5pct} — 1 event in 20 is a viewer's first qualifying event in the hour (each
 *       pass over the array moves the clock one hour on, so every pair is new again): the set
 *       grows and the log takes 5 % of events, which the flusher drains every second.
 * </ul>
 *
 * Run: {@code java -cp "bench/target/classes:bench/target/lib/*" org.openjdk.jmh.Main
 * ViewCounterBench -f 1 -wi 2 -i 3}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class ViewCounterBench {
  static final int EVENTS = 1 << 20;

  /** The event mix; see the class comment. */
  @Param({"repeat-1k", "repeat-64k", "new-5pct"})
  public String mix;

  BufferedViewCounter counter;
  final PassClock clock = new PassClock(Instant.parse("2026-06-20T10:00:00Z").toEpochMilli());
  final AtomicInteger threadIds = new AtomicInteger();

  @Setup(Level.Trial)
  public void start() {
    InMemoryViewStore store = new InMemoryViewStore();
    counter =
        new BufferedViewCounter(
            store, store, ViewCounterConfig.defaults().withFlushInterval(Duration.ofSeconds(1)), clock);
  }

  @TearDown(Level.Trial)
  public void stop() {
    counter.close();
  }

  /** One thread's events and position. */
  @State(Scope.Thread)
  public static class Events {
    String[] videos;
    String[] viewers;
    double[] watched;
    int next;
    int pass;
    boolean movesClock;

    @Setup(Level.Trial)
    public void build(ViewCounterBench bench) {
      int thread = bench.threadIds.getAndIncrement();
      SplittableRandom random = new SplittableRandom(42 + thread);
      // distinct (video, viewer) pairs per pass: all of them repeat within the pass for 0 %,
      // 1 in 20 events opens a pair for 5 % (and the clock moves an hour a pass)
      boolean fresh = bench.mix.equals("new-5pct");
      int pairs = fresh ? EVENTS / 20 : bench.mix.equals("repeat-1k") ? 1 << 10 : 1 << 16;
      String[] pairVideo = new String[pairs];
      String[] pairViewer = new String[pairs];
      for (int p = 0; p < pairs; p++) {
        pairVideo[p] = String.format("vid_%016d", random.nextInt(1_000));
        pairViewer[p] = String.format("t%d-viewer-%014x", thread, random.nextLong(1L << 56));
      }
      videos = new String[EVENTS];
      viewers = new String[EVENTS];
      watched = new double[EVENTS];
      for (int i = 0; i < EVENTS; i++) {
        int p = (int) ((long) i * pairs / EVENTS); // each pair's events together, as heartbeats are
        if (!fresh) {
          p = random.nextInt(pairs);
        }
        // each event its own String objects, laid out in event order, as request parsing makes
        // them: what stays random is the dedup-set probe, not the reading of the ids
        videos[i] = new String(pairVideo[p].toCharArray());
        viewers[i] = new String(pairViewer[p].toCharArray());
        watched[i] = fresh ? 10 + random.nextDouble() * 50 : random.nextDouble() * 60;
      }
      movesClock = fresh;
    }
  }

  @Benchmark
  public void record(Events e) {
    int i = e.next;
    counter.record(e.videos[i], e.viewers[i], e.watched[i]);
    if (++i == EVENTS) {
      i = 0;
      if (e.movesClock) {
        clock.reach(++e.pass);
      }
    }
    e.next = i;
  }

  /**
   * The system clock (so each event pays a real clock read), shifted to 10:00 UTC at the start and
   * one more hour each time the first thread finishes another pass over its events.
   */
  static final class PassClock implements InstantSource {
    private final long offset;
    private volatile long hours;

    PassClock(long start) {
      this.offset = start - System.currentTimeMillis();
    }

    void reach(long pass) {
      if (pass > hours) {
        hours = pass;
      }
    }

    @Override
    public long millis() {
      return System.currentTimeMillis() + offset + hours * 3_600_000L;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }
  }
}
