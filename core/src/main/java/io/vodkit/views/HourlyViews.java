package io.vodkit.views;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Qualified views of one video counted in one clock hour (UTC): the unit that durable totals and
 * "views in the last 24 hours" are built from. Immutable.
 *
 * @param videoId the video
 * @param hourStart the start of the hour, truncated to the hour
 * @param views how many qualified views, at least 1
 */
public record HourlyViews(String videoId, Instant hourStart, long views) {
  /** Validates. */
  public HourlyViews {
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(hourStart, "hourStart");
    if (!hourStart.truncatedTo(ChronoUnit.HOURS).equals(hourStart)) {
      throw new IllegalArgumentException("hourStart must be the start of an hour: " + hourStart);
    }
    if (views < 1) {
      throw new IllegalArgumentException("views must be >= 1: " + views);
    }
  }
}
