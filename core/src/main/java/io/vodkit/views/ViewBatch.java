package io.vodkit.views;

import java.util.List;
import java.util.Objects;

/**
 * One flush: the view deltas of an interval (or of a roll-up) under a unique flush id. A {@link
 * ViewSink} applies a batch at most once per flush id, which is what makes a retried flush safe.
 * Immutable.
 *
 * @param flushId unique id of this flush; a retry of the same deltas keeps it
 * @param views qualified views per video and hour, to add to the totals
 * @param viewers viewer hashes per video and day, to fold into unique-viewer sketches
 * @param uniques unique-viewer estimates made elsewhere, to keep (largest wins)
 */
public record ViewBatch(
    String flushId, List<HourlyViews> views, List<DailyViewers> viewers, List<DailyUniques> uniques) {
  /** Validates and copies the lists. */
  public ViewBatch {
    Objects.requireNonNull(flushId, "flushId");
    if (flushId.isBlank() || flushId.length() > 200) {
      throw new IllegalArgumentException("flushId must be 1..200 characters");
    }
    views = List.copyOf(views);
    viewers = List.copyOf(viewers);
    uniques = List.copyOf(uniques);
  }

  /** True if the batch carries nothing. */
  public boolean isEmpty() {
    return views.isEmpty() && viewers.isEmpty() && uniques.isEmpty();
  }

  /** The qualified views the batch adds, over all videos and hours. */
  public long totalViews() {
    long n = 0;
    for (HourlyViews v : views) {
      n += v.views();
    }
    return n;
  }
}
