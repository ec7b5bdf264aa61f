package io.vodkit.views;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads flushed view totals. Every figure is as of the last flush (or roll-up) that reached the
 * store; nothing recorded since is included. Thread-safe; failures are {@link
 * io.vodkit.VodkitException}s ({@code STORE_FAILED}).
 */
public interface ViewTotals {
  /** All-time qualified views of a video; 0 if none were flushed (or the video is unknown). */
  long views(String videoId);

  /**
   * Qualified views counted in clock hours starting at or after {@code since} (hour granularity:
   * an hour bucket is in if its start is {@code >= since}).
   */
  long viewsSince(String videoId, Instant since);

  /** Estimated distinct viewers with a counted view of the video on a UTC day; 0 if none. */
  long uniqueViewers(String videoId, LocalDate day);

  /** Deletes every figure kept for a video (its video was deleted); idempotent. */
  void forget(String videoId);
}
