package io.vodkit.abr;

/**
 * What an {@link AbrRule} wants next: a rung, and optionally a pause before requesting it.
 *
 * <p>Only BOLA pauses (to avoid filling the buffer with low-quality chunks); the player waits
 * {@code pauseS} (never more than the buffer holds), then asks the rule again.
 *
 * @param rung the rung to fetch the next chunk at
 * @param pauseS seconds to wait before the request, ≥ 0
 */
public record AbrDecision(int rung, double pauseS) {

  /** Validates ranges. */
  public AbrDecision {
    if (rung < 0) {
      throw new IllegalArgumentException("rung must not be negative: " + rung);
    }
    if (!(pauseS >= 0) || Double.isInfinite(pauseS)) {
      throw new IllegalArgumentException("pause must be a non-negative number: " + pauseS);
    }
  }

  /** Fetch {@code rung} at once. */
  public static AbrDecision of(int rung) {
    return new AbrDecision(rung, 0);
  }
}
