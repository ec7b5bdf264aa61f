package io.vodkit.views;

import java.time.InstantSource;
import java.time.LocalDate;

/**
 * Counts video views at billions of events a day: approximate, cheap, flushed every interval.
 *
 * <p>{@link #record} is the hot path, called for every player heartbeat: it must not block, do
 * I/O or allocate. An event counts as a <em>qualified view</em> when the viewer has watched at
 * least the configured seconds (default 10) of the video, and a viewer counts at most once per
 * video per de-duplication window (default: per UTC clock hour). Counted views are flushed to a
 * durable store every interval (default 60 s); reads answer from the flushed totals, so they lag
 * by up to an interval (plus the read cache).
 *
 * <p>Implementations are thread-safe. {@link #close()} flushes what is left and stops the flusher;
 * events recorded after it are dropped.
 */
public interface ViewCounter extends AutoCloseable {
  /**
   * Records one playback event.
   *
   * @param videoId the video watched
   * @param viewerKey who is watching: a user id, or a device/session id for anonymous viewers;
   *     never stored, only hashed
   * @param watchedSeconds how far this viewer has watched in this playback, in seconds
   */
  void record(String videoId, String viewerKey, double watchedSeconds);

  /** All-time qualified views of a video as of the last flush; 0 if none. */
  long viewCount(String videoId);

  /**
   * Qualified views in the current UTC clock hour and the 23 before it, as of the last flush.
   */
  long viewsLast24Hours(String videoId);

  /** Estimated distinct viewers with a counted view of the video on a UTC day (±2 %). */
  long uniqueViewers(String videoId, LocalDate day);

  /**
   * Forgets a deleted video: flushes what was recorded so far, then drops the video's counts from
   * the sink and the totals. Events recorded for it afterwards (a player still running) count
   * again from zero. Throws the store's {@link io.vodkit.VodkitException} on failure.
   */
  void forget(String videoId);

  /**
   * Flushes now: moves the deltas recorded so far to the sink, and retries earlier flushes that
   * failed. Throws the sink's {@link io.vodkit.VodkitException} if a flush fails; the deltas stay
   * queued for the next attempt under the same flush id.
   */
  void flush();

  /** Stops the periodic flush and flushes what is left (logging, not throwing, a failure). */
  @Override
  void close();

  /**
   * A counter whose totals live in this process's memory ({@link InMemoryViewStore}) and vanish
   * with it: the default of {@code VideoPipeline.builder()}, for tests and demos.
   */
  static ViewCounter inMemory() {
    return inMemory(InstantSource.system());
  }

  /** As {@link #inMemory()}, with hours and days taken from {@code clock}. */
  static ViewCounter inMemory(InstantSource clock) {
    InMemoryViewStore store = new InMemoryViewStore();
    return new BufferedViewCounter(store, store, ViewCounterConfig.defaults(), clock);
  }
}
