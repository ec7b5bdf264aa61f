package io.vodkit.spi;

import io.vodkit.VodkitException;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Transcoder#transcodeAllowingPartial} produced: the renditions that are complete and
 * the rungs that failed on their own, each with its error. At least one video rendition is
 * produced: a transcode with no usable rung throws instead.
 *
 * <p>Immutable. Example: a ladder whose 4K encoder errors gives {@code renditions = [360p, 720p,
 * 1080p, audio]} and {@code failures = [4K: configuration "unknown encoder 'libx265'"]}.
 *
 * @param renditions complete renditions, as {@link Transcoder#transcode} returns them (video
 *     lowest first, then audio)
 * @param failures rungs that failed, in rung order; empty when the whole ladder was produced
 */
public record TranscodeResult(List<PackagedRendition> renditions, List<RungFailure> failures) {
  public TranscodeResult {
    renditions = List.copyOf(renditions);
    failures = List.copyOf(failures);
  }

  /** Every rung produced. */
  public static TranscodeResult complete(List<PackagedRendition> renditions) {
    return new TranscodeResult(renditions, List.of());
  }

  /** True when some rung failed and the others were produced. */
  public boolean partial() {
    return !failures.isEmpty();
  }

  /**
   * One rung that could not be produced.
   *
   * @param rung the rung's name, e.g. {@code 4K}
   * @param error why (its code says whether retrying could help)
   */
  public record RungFailure(String rung, VodkitException error) {
    public RungFailure {
      Objects.requireNonNull(rung, "rung");
      Objects.requireNonNull(error, "error");
    }

    /** {@code error_code: message}, for the job record. */
    public String describe() {
      return error.code().wireName() + ": " + error.getMessage();
    }
  }
}
