package io.vodkit;

import io.vodkit.spi.RungSpec;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link Ladder#planWithReasons} decided for one source: the rungs to encode, lowest first,
 * and every ladder rung left out with the reason, so the job record can say why a video has no
 * 4K or no 720p rendition.
 *
 * <p>Immutable. Example: a 1080p source at 1 Mbps gives {@code rungs = [360p, 1080p]} (1080p
 * capped near the source's bitrate) and {@code skipped = [720p NO_BITRATE_GAIN, 4K
 * WOULD_UPSCALE]}.
 *
 * @param rungs the rungs to encode, lowest first; never empty
 * @param skipped ladder rungs not encoded, in ladder order
 */
public record LadderPlan(List<RungSpec> rungs, List<SkippedRung> skipped) {
  public LadderPlan {
    rungs = List.copyOf(rungs);
    skipped = List.copyOf(skipped);
    if (rungs.isEmpty()) {
      throw new IllegalArgumentException("a plan has at least one rung");
    }
  }

  /** Why a ladder rung is not encoded for a source. */
  public enum Reason {
    /** The source is smaller than the rung: encoding it would upscale. */
    WOULD_UPSCALE,
    /**
     * The rung would spend at least as many bits as the (capped) top rung, which already carries
     * everything the source's bitrate holds: it adds bytes, not picture.
     */
    NO_BITRATE_GAIN;

    /** The snake_case name for the wire and the job record, e.g. {@code no_bitrate_gain}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One ladder rung left out.
   *
   * @param name the rung's name, e.g. {@code 720p}
   * @param reason why
   * @param detail the numbers behind the reason, for people, e.g. {@code "needs 2500 kbps; the
   *     1080p rung already gets 1312 kbps from a 1000 kbps source"}
   */
  public record SkippedRung(String name, Reason reason, String detail) {
    public SkippedRung {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    /** {@code reason: detail}, e.g. for {@code RenditionProgress.error}. */
    public String describe() {
      return reason.wireName() + ": " + detail;
    }
  }
}
