package io.vodkit;

import java.util.Objects;

/**
 * One rendition's progress inside a job, e.g. {@code {quality:"1080p", status:"processing",
 * pct:40}}.
 *
 * @param quality rung name, e.g. {@code 720p}
 * @param state where the rendition is
 * @param pct 0..100
 * @param error why it failed or was skipped ({@code reason: detail}, e.g. {@code would_upscale:
 *     the source is 640x360; …}), or null
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

  /** A ladder rung not encoded for this source, with why (0 %: no work was done for it). */
  public static RenditionProgress skipped(String quality, String reason) {
    return new RenditionProgress(quality, RenditionState.SKIPPED, 0, Objects.requireNonNull(reason, "reason"));
  }

  /** The same rendition with another state and percentage. */
  public RenditionProgress with(RenditionState newState, int newPct) {
    return new RenditionProgress(quality, newState, newPct, error);
  }
}
