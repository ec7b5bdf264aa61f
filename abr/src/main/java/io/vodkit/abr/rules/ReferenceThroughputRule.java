package io.vodkit.abr.rules;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;
import java.util.OptionalDouble;

/**
 * The spec's reference throughput rule, exactly ("Design: Video Streaming API", stage 5, "how
 * adaptive bitrate picks a rendition at playback"):
 *
 * <ol>
 *   <li>{@code safe_throughput = measured × 0.8} ({@link #SAFETY_FACTOR});
 *   <li>scan the BANDWIDTH values from highest to lowest and pick the first at or below {@code
 *       safe_throughput} (the lowest rung when none is);
 *   <li>if the buffer is below 4 s ({@link #PANIC_BUFFER_S}), step down one tier from the current
 *       rung, regardless of throughput (rung 0 stays at 0).
 * </ol>
 *
 * <p>"Measured" is whatever the session's estimator says; the spec means the last segment's
 * throughput, so {@code abr-sim} pairs this rule with {@code LatestSampleEstimator}. Before any
 * measurement the rule keeps the current rung (rung 0 at the very start). Worked example on the
 * spec ladder 400 / 2500 / 5000 / 18000 kbps: 3.4 Mbps measured → safe 2.72 Mbps → 2500 kbps;
 * buffer 3 s while at 1080p (5000) → 720p (2500).
 *
 * <p>Stateless apart from its constants; still, one instance per session like every rule.
 */
public final class ReferenceThroughputRule implements AbrRule {
  /** The spec's safety factor on measured throughput. */
  public static final double SAFETY_FACTOR = 0.8;

  /** The spec's low-buffer threshold, in seconds. */
  public static final double PANIC_BUFFER_S = 4.0;

  private final double safetyFactor;
  private final double panicBufferS;

  /** The spec's constants: 0.8 and 4 s. */
  public ReferenceThroughputRule() {
    this(SAFETY_FACTOR, PANIC_BUFFER_S);
  }

  /**
   * Custom constants.
   *
   * @param safetyFactor multiplier on measured throughput, in (0, 1]
   * @param panicBufferS below this buffer level (seconds) the rule steps down one tier
   */
  public ReferenceThroughputRule(double safetyFactor, double panicBufferS) {
    if (!(safetyFactor > 0 && safetyFactor <= 1) || !(panicBufferS >= 0)) {
      throw new IllegalArgumentException("safety factor in (0, 1], panic buffer ≥ 0 required");
    }
    this.safetyFactor = safetyFactor;
    this.panicBufferS = panicBufferS;
  }

  @Override
  public AbrDecision decide(AbrInput in) {
    int current = Math.max(0, in.lastRung());
    if (in.lastRung() >= 0 && in.bufferS() < panicBufferS) {
      return AbrDecision.of(Math.max(0, current - 1));
    }
    OptionalDouble measured = in.estimator().estimateBps();
    if (measured.isEmpty()) {
      return AbrDecision.of(current);
    }
    return AbrDecision.of(in.ladder().highestRungAtOrBelow(measured.getAsDouble() * safetyFactor));
  }

  @Override
  public String name() {
    return "reference";
  }
}
