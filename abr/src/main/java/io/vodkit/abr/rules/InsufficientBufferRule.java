package io.vodkit.abr.rules;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;
import java.util.OptionalDouble;

/**
 * dash.js's {@code InsufficientBufferRule} (v3/v4): a ceiling that keeps the next download from
 * outlasting the buffer. With an empty buffer it demands the lowest rung; otherwise it allows the
 * highest rung at or below {@code throughput × (buffer / segmentDuration) × 0.5}. It has no opinion
 * (returns the top rung, so a {@link LowestOfRules} ignores it) for the first two segments ({@code
 * SEGMENT_IGNORE_COUNT}) and while there is no estimate.
 *
 * <p>One instance per session; stateless.
 */
public final class InsufficientBufferRule implements AbrRule {
  /** dash.js {@code INSUFFICIENT_BUFFER_SAFETY_FACTOR}. */
  public static final double SAFETY_FACTOR = 0.5;

  /** dash.js {@code SEGMENT_IGNORE_COUNT}: segments loaded before the rule speaks. */
  public static final int SEGMENT_IGNORE_COUNT = 2;

  @Override
  public AbrDecision decide(AbrInput in) {
    int top = in.ladder().topRung();
    if (in.history().size() < SEGMENT_IGNORE_COUNT) {
      return AbrDecision.of(top);
    }
    if (in.bufferS() <= 0) {
      return AbrDecision.of(0);
    }
    OptionalDouble estimate = in.estimator().estimateBps();
    if (estimate.isEmpty()) {
      return AbrDecision.of(top);
    }
    double allowedBps =
        estimate.getAsDouble() * (in.bufferS() / in.ladder().chunkDurationS()) * SAFETY_FACTOR;
    return AbrDecision.of(in.ladder().highestRungAtOrBelow(allowedBps));
  }

  @Override
  public String name() {
    return "insufficient-buffer";
  }
}
