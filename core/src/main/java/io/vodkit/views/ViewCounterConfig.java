package io.vodkit.views;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link BufferedViewCounter}: the qualified-view rule and the flush cadence.
 * Immutable; start from {@link #defaults()} and change what you need with the {@code with…}
 * methods.
 *
 * @param flushInterval how often deltas are flushed to the sink; default 60 s. A crash loses at
 *     most the views of the interval in progress (plus any flushes still failing)
 * @param minWatchedSeconds seconds a viewer must have watched for the event to count; default 10
 * @param dedupWindow one view per viewer per video per window; default 1 h. Windows are fixed
 *     buckets aligned to the Unix epoch ({@code floor(epochMillis / windowMillis)}), so with 1 h
 *     they are UTC clock hours: a viewer counts at most once in 10:00–10:59:59.999 and again from
 *     11:00, even if the two views are a minute apart
 * @param readCacheTtl how long {@code viewCount} and {@code viewsLast24Hours} answers are cached;
 *     default 15 s ({@link Duration#ZERO} disables the cache)
 * @param maxPendingFlushes failed flushes kept for retry; past this the oldest is dropped (and its
 *     views lost, with an error in the log); default 60 (an hour of outage at the default interval)
 * @param maxViewersPerWindow distinct (video, viewer) pairs remembered per window; past this,
 *     views are counted without de-duplication rather than growing memory; default 8,000,000
 *     (about 128–256 MiB at the limit)
 * @param clockTick how often the hot path's notion of "now" is refreshed from the clock; default
 *     10 ms, so an event is stamped with a time at most that old (and a view in the last 10 ms of
 *     an hour may land in that hour rather than the next). Reading a clock costs 20–80 ns, as much
 *     as the rest of an event; {@link Duration#ZERO} reads the clock on every event (tests with an
 *     injected clock use it)
 */
public record ViewCounterConfig(
    Duration flushInterval,
    double minWatchedSeconds,
    Duration dedupWindow,
    Duration readCacheTtl,
    int maxPendingFlushes,
    long maxViewersPerWindow,
    Duration clockTick) {

  /** Validates. */
  public ViewCounterConfig {
    requirePositive(flushInterval, "flushInterval");
    requirePositive(dedupWindow, "dedupWindow");
    if (dedupWindow.toMillis() < 1_000) {
      throw new IllegalArgumentException("dedupWindow must be at least 1 s");
    }
    Objects.requireNonNull(readCacheTtl, "readCacheTtl");
    if (readCacheTtl.isNegative()) {
      throw new IllegalArgumentException("readCacheTtl must not be negative");
    }
    if (!(minWatchedSeconds >= 0) || Double.isInfinite(minWatchedSeconds)) {
      throw new IllegalArgumentException("minWatchedSeconds must be a finite number >= 0");
    }
    if (maxPendingFlushes < 1) {
      throw new IllegalArgumentException("maxPendingFlushes must be >= 1");
    }
    if (maxViewersPerWindow < 1) {
      throw new IllegalArgumentException("maxViewersPerWindow must be >= 1");
    }
    Objects.requireNonNull(clockTick, "clockTick");
    if (clockTick.isNegative() || clockTick.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("clockTick must be between 0 and 1 s");
    }
  }

  /**
   * 60 s flushes; ≥ 10 s watched; one view per viewer per video per UTC clock hour; 15 s read
   * cache; 60 failed flushes kept; 8 M pairs per window; a 10 ms clock tick.
   */
  public static ViewCounterConfig defaults() {
    return new ViewCounterConfig(
        Duration.ofSeconds(60), 10.0, Duration.ofHours(1), Duration.ofSeconds(15),
        60, 8_000_000, Duration.ofMillis(10));
  }

  /** With another flush interval. */
  public ViewCounterConfig withFlushInterval(Duration interval) {
    return new ViewCounterConfig(
        interval, minWatchedSeconds, dedupWindow, readCacheTtl,
        maxPendingFlushes, maxViewersPerWindow, clockTick);
  }

  /** With another qualification threshold, in seconds watched. */
  public ViewCounterConfig withMinWatchedSeconds(double seconds) {
    return new ViewCounterConfig(
        flushInterval, seconds, dedupWindow, readCacheTtl,
        maxPendingFlushes, maxViewersPerWindow, clockTick);
  }

  /** With another de-duplication window. */
  public ViewCounterConfig withDedupWindow(Duration window) {
    return new ViewCounterConfig(
        flushInterval, minWatchedSeconds, window, readCacheTtl,
        maxPendingFlushes, maxViewersPerWindow, clockTick);
  }

  /** With another read-cache lifetime ({@link Duration#ZERO}: no cache). */
  public ViewCounterConfig withReadCacheTtl(Duration ttl) {
    return new ViewCounterConfig(
        flushInterval, minWatchedSeconds, dedupWindow, ttl,
        maxPendingFlushes, maxViewersPerWindow, clockTick);
  }

  /** With another bound on failed flushes kept for retry. */
  public ViewCounterConfig withMaxPendingFlushes(int max) {
    return new ViewCounterConfig(
        flushInterval, minWatchedSeconds, dedupWindow, readCacheTtl,
        max, maxViewersPerWindow, clockTick);
  }

  /** With another bound on remembered (video, viewer) pairs per window. */
  public ViewCounterConfig withMaxViewersPerWindow(long max) {
    return new ViewCounterConfig(
        flushInterval, minWatchedSeconds, dedupWindow, readCacheTtl,
        maxPendingFlushes, max, clockTick);
  }

  /** With another clock refresh period ({@link Duration#ZERO}: read the clock on every event). */
  public ViewCounterConfig withClockTick(Duration tick) {
    return new ViewCounterConfig(
        flushInterval, minWatchedSeconds, dedupWindow, readCacheTtl,
        maxPendingFlushes, maxViewersPerWindow, tick);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
