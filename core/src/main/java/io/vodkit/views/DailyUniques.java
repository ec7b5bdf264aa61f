package io.vodkit.views;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An estimate of one video's unique viewers on one UTC day made elsewhere (e.g. Redis {@code
 * PFCOUNT}). Stores keep the largest estimate they were given for the day, so applying it again
 * or late never lowers the figure. Immutable.
 *
 * @param videoId the video
 * @param day the UTC day
 * @param viewers the estimated number of distinct viewers, at least 0
 */
public record DailyUniques(String videoId, LocalDate day, long viewers) {
  /** Validates. */
  public DailyUniques {
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(day, "day");
    if (viewers < 0) {
      throw new IllegalArgumentException("viewers must be >= 0: " + viewers);
    }
  }
}
