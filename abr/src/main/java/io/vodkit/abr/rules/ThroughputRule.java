package io.vodkit.abr.rules;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;
import java.util.OptionalDouble;

/**
 * dash.js's {@code ThroughputRule}: the highest rung at or below the estimated throughput times
 * {@code bandwidthSafetyFactor} (0.9, dash.js {@code streaming.abr.bandwidthSafetyFactor}). Keeps
 * the current rung (rung 0 at the start) while there is no estimate. The throughput half of {@link
 * DynamicRule}. One instance per session.
 */
public final class ThroughputRule implements AbrRule {
  /** dash.js {@code bandwidthSafetyFactor} default. */
  public static final double DASHJS_SAFETY_FACTOR = 0.9;

  private final double safetyFactor;

  /** dash.js's default safety factor 0.9. */
  public ThroughputRule() {
    this(DASHJS_SAFETY_FACTOR);
  }

  /** A custom safety factor in (0, 1]. */
  public ThroughputRule(double safetyFactor) {
    if (!(safetyFactor > 0 && safetyFactor <= 1)) {
      throw new IllegalArgumentException("safety factor must be in (0, 1]: " + safetyFactor);
    }
    this.safetyFactor = safetyFactor;
  }

  @Override
  public AbrDecision decide(AbrInput in) {
    OptionalDouble estimate = in.estimator().estimateBps();
    if (estimate.isEmpty()) {
      return AbrDecision.of(Math.max(0, in.lastRung()));
    }
    return AbrDecision.of(in.ladder().highestRungAtOrBelow(estimate.getAsDouble() * safetyFactor));
  }

  @Override
  public String name() {
    return "throughput";
  }
}
