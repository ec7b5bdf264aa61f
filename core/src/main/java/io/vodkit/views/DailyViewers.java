package io.vodkit.views;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The viewers behind one video's counted views on one UTC day, as 64-bit hashes of their viewer
 * keys (one entry per counted view, so a viewer may appear more than once): what a durable store
 * folds into that day's unique-viewer sketch. Immutable by convention: the array is not copied,
 * and nobody writes to it after the batch is built.
 *
 * @param videoId the video
 * @param day the UTC day
 * @param viewerHashes hashes of the viewer keys
 */
public record DailyViewers(String videoId, LocalDate day, long[] viewerHashes) {
  /** Validates. */
  public DailyViewers {
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(viewerHashes, "viewerHashes");
  }
}
