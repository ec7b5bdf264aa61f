package io.vodkit;

import java.util.Objects;

/**
 * One rendition's progress inside a job, e.g. {@code {quality:"1080p", status:"processing",
 * pct:40}}.
 *
 * @param quality rung name, e.g. {@code 720p}
 * @param state where the rendition is
 * @param pct 0..100
 * @param error why it failed, or null
 */
public record RenditionProgress(String quality, RenditionState state, int pct, String error) {
  public RenditionProgress {
    Objects.requireNonNull(quality, "quality");
    Objects.requireNonNull(state, "state");
    if (pct < 0 || pct > 100) {
      throw new IllegalArgumentException("pct must be 0..100, was " + pct);
    }
  }

  /** A rendition not started yet. */
  public static RenditionProgress pending(String quality) {
    return new RenditionProgress(quality, RenditionState.PENDING, 0, null);
  }

  /** The same rendition with another state and percentage. */
  public RenditionProgress with(RenditionState newState, int newPct) {
    return new RenditionProgress(quality, newState, newPct, error);
  }
}
