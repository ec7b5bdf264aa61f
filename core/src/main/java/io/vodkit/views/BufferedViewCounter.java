package io.vodkit.views;

import io.vodkit.internal.Ids;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ViewCounter} of every backend: qualifies and de-duplicates events in memory on the
 * hot path, and flushes the counted views to a {@link ViewSink} every interval; reads go to a
 * {@link ViewTotals} through a short cache.
 *
 * <p><b>Hot path</b> ({@link #record}): reject if watched &lt; the threshold; take the window and
 * hour of "now" (refreshed every {@link ViewCounterConfig#clockTick()} by the flusher thread, or
 * read from the clock per event if the tick is zero); hash the video id and viewer key to 64 bits; test-and-set the pair's fingerprint in the current window's
 * lock-free set ({@link WindowedDedup}); if it is new, append (video, viewer hash, hour) to the
 * interval's striped log ({@link ViewLog}). No lock, no I/O, no allocation but one log chunk per
 * 4,096 counted views and one set per window (and the set's rare doublings).
 *
 * <p><b>Flush</b> (every {@link ViewCounterConfig#flushInterval()} on a daemon thread, or on
 * {@link #flush()}): swap in a fresh log, drain the old one into a {@link ViewBatch} with a new
 * flush id ({@code vf_…}), queue it, and apply queued batches in order. A batch leaves the queue
 * only once the sink has taken it; a failed batch is retried on the next flush <em>under the same
 * id</em>, so a flush that committed but was not acknowledged is not counted twice. A crash loses
 * the interval in progress and any batches still queued (at most {@link
 * ViewCounterConfig#maxPendingFlushes()}).
 *
 * <p>Thread-safe. The sink and the totals belong to the caller: {@link #close()} does not close
 * them.
 */
public final class BufferedViewCounter implements ViewCounter {
  private static final Logger log = LoggerFactory.getLogger(BufferedViewCounter.class);
  private static final long HOUR_MILLIS = 3_600_000L;

  private final ViewSink sink;
  private final ViewTotals totals;
  private final ViewCounterConfig config;
  private final InstantSource clock;
  private final double minWatchedSeconds;
  private final long windowMillis;
  private final WindowedDedup dedup;
  private final int stripes;
  private volatile ViewLog current;
  private final ReadCache cache;

  private final ReentrantLock flushLock = new ReentrantLock();
  private final ArrayDeque<ViewBatch> pending = new ArrayDeque<>();
  private final ScheduledExecutorService flusher;
  private final boolean ticking;
  private volatile Now now;
  private volatile boolean closed;

  /** The hot path's "now" between clock ticks: the time, and the window and hour it falls in. */
  private record Now(long millis, long window, long hour) {}

  /**
   * A counter that flushes to {@code sink} and reads from {@code totals} (usually the same store),
   * starting its periodic flush at once.
   */
  public BufferedViewCounter(ViewSink sink, ViewTotals totals, ViewCounterConfig config, InstantSource clock) {
    this(sink, totals, config, clock, 1 << 10);
  }

  /** As above, with the first dedup window's initial table size (tests start it tiny). */
  BufferedViewCounter(
      ViewSink sink, ViewTotals totals, ViewCounterConfig config, InstantSource clock, int firstWindowCapacity) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.totals = Objects.requireNonNull(totals, "totals");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.minWatchedSeconds = config.minWatchedSeconds();
    this.windowMillis = config.dedupWindow().toMillis();
    this.dedup = new WindowedDedup(config.maxViewersPerWindow(), firstWindowCapacity);
    this.stripes = ViewLog.defaultStripes();
    this.current = new ViewLog(stripes);
    this.cache = new ReadCache(config.readCacheTtl(), clock);
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "vodkit-views-flush");
              t.setDaemon(true);
              return t;
            });
    this.ticking = !config.clockTick().isZero();
    tick();
    long every = config.flushInterval().toMillis();
    flusher.scheduleWithFixedDelay(this::scheduledFlush, every, every, TimeUnit.MILLISECONDS);
    if (ticking) {
      long tick = config.clockTick().toNanos();
      flusher.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.NANOSECONDS);
    }
  }

  /** Reads the clock into {@link #now}. */
  private void tick() {
    long t = clock.millis();
    now = new Now(t, Math.floorDiv(t, windowMillis), Math.floorDiv(t, HOUR_MILLIS));
  }

  /** The settings this counter runs with. */
  public ViewCounterConfig config() {
    return config;
  }

  @Override
  public void record(String videoId, String viewerKey, double watchedSeconds) {
    if (!(watchedSeconds >= minWatchedSeconds)) {
      return; // also rejects NaN
    }
    long window;
    long hour;
    if (ticking) {
      Now t = now;
      window = t.window;
      hour = t.hour;
    } else {
      long t = clock.millis();
      window = Math.floorDiv(t, windowMillis);
      hour = Math.floorDiv(t, HOUR_MILLIS);
    }
    long viewer = Hash64.of(viewerKey);
    long fingerprint = Hash64.pair(Hash64.of(videoId), viewer);
    if (dedup.firstInWindow(window, fingerprint) && !closed) {
      ViewLog log = current;
      while (!log.append(videoId, viewer, hour)) {
        log = current; // sealed by a flush that just started: the new log is already in place
      }
    }
  }

  @Override
  public long viewCount(String videoId) {
    Objects.requireNonNull(videoId, "videoId");
    return cache.get(videoId, totals::views);
  }

  @Override
  public long viewsLast24Hours(String videoId) {
    Objects.requireNonNull(videoId, "videoId");
    long hourStart = Math.floorDiv(clock.millis(), HOUR_MILLIS) * HOUR_MILLIS;
    Instant since = Instant.ofEpochMilli(hourStart - 23 * HOUR_MILLIS);
    return cache.get("24h/" + videoId, k -> totals.viewsSince(videoId, since));
  }

  @Override
  public long uniqueViewers(String videoId, LocalDate day) {
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(day, "day");
    return totals.uniqueViewers(videoId, day);
  }

  @Override
  public void flush() {
    flushLock.lock();
    try {
      tick();
      enqueueCurrentInterval();
      applyPending();
    } finally {
      flushLock.unlock();
    }
  }

  @Override
  public void forget(String videoId) {
    Objects.requireNonNull(videoId, "videoId");
    flushLock.lock();
    try {
      flush();
      sink.forget(videoId);
      if (totals != sink) {
        totals.forget(videoId);
      }
      cache.clear();
    } finally {
      flushLock.unlock();
    }
  }

  /** Batches waiting for the sink (failed flushes to retry). For tests and metrics. */
  public int pendingFlushes() {
    flushLock.lock();
    try {
      return pending.size();
    } finally {
      flushLock.unlock();
    }
  }

  private void enqueueCurrentInterval() {
    ViewLog full = current;
    current = new ViewLog(stripes);
    BatchBuilder builder = new BatchBuilder();
    long stalled = full.sealAndDrain(builder);
    long dropped = full.dropped();
    if (stalled > 0 || dropped > 0) {
      log.warn("view flush lost {} views ({} from stalled threads, {} past the log's capacity)",
          stalled + dropped, stalled, dropped);
    }
    if (builder.entries() == 0) {
      return;
    }
    pending.addLast(builder.build(Ids.random("vf_")));
    while (pending.size() > config.maxPendingFlushes()) {
      ViewBatch lost = pending.removeFirst();
      log.error("view flush {} dropped after {} failed flushes: {} views lost",
          lost.flushId(), config.maxPendingFlushes(), lost.totalViews());
    }
  }

  private void applyPending() {
    boolean appliedAny = false;
    while (!pending.isEmpty()) {
      ViewBatch batch = pending.peekFirst();
      boolean fresh = sink.apply(batch); // throws: the batch stays queued under its flush id
      if (!fresh) {
        log.info("view flush {} had already been applied; not counting it again", batch.flushId());
      }
      pending.removeFirst();
      appliedAny = true;
    }
    if (appliedAny) {
      cache.clear();
    }
  }

  private void scheduledFlush() {
    try {
      flush();
    } catch (RuntimeException e) {
      log.warn("view flush failed; {} flushes queued for retry", pendingFlushes(), e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    flusher.shutdown();
    try {
      if (!flusher.awaitTermination(30, TimeUnit.SECONDS)) {
        flusher.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      flush();
    } catch (RuntimeException e) {
      long lost = 0;
      flushLock.lock();
      try {
        for (ViewBatch b : pending) {
          lost += b.totalViews();
        }
      } finally {
        flushLock.unlock();
      }
      log.error("final view flush failed: {} views in {} flushes lost", lost, pendingFlushes(), e);
    }
  }
}
