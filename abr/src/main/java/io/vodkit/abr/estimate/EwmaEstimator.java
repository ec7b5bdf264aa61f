package io.vodkit.abr.estimate;

import io.vodkit.abr.BandwidthEstimator;
import java.util.OptionalDouble;

/**
 * Two exponentially weighted moving averages of throughput, one fast and one slow, each weighted by
 * the sample's duration in seconds; the estimate is the lower of the two (quick to fall, slow to
 * rise). This is Shaka Player's {@code EwmaBandwidthEstimator} (half-lives 2 s and 5 s) and
 * dash.js's {@code ThroughputHistory} EWMA (3 s and 8 s).
 *
 * <p>For a sample of {@code w} seconds at throughput {@code x}: {@code α = 0.5^(w / halfLife)},
 * {@code e ← α·e + (1 − α)·x}. Starting from 0 biases early estimates low, so both are divided by
 * {@code 1 − 0.5^(totalWeight / halfLife)} (the "zero factor" of both players).
 *
 * <p>Samples pass a {@link SampleGate} (16 kB minimum, cached responses). No estimate is given
 * until {@code minTotalBytes} have been sampled (Shaka: 128 kB; dash.js: none). Not thread-safe.
 */
public final class EwmaEstimator implements BandwidthEstimator {
  /** Shaka Player's fast half-life, in seconds of sampled download time. */
  public static final double SHAKA_FAST_HALF_LIFE_S = 2.0;

  /** Shaka Player's slow half-life, in seconds. */
  public static final double SHAKA_SLOW_HALF_LIFE_S = 5.0;

  /** Shaka Player's minimum sampled bytes before the estimate is trusted. */
  public static final long SHAKA_MIN_TOTAL_BYTES = 128_000;

  /** dash.js {@code EWMA_THROUGHPUT_FAST_HALF_LIFE_SECONDS}. */
  public static final double DASHJS_FAST_HALF_LIFE_S = 3.0;

  /** dash.js {@code EWMA_THROUGHPUT_SLOW_HALF_LIFE_SECONDS}. */
  public static final double DASHJS_SLOW_HALF_LIFE_S = 8.0;

  private final String name;
  private final double fastHalfLifeS;
  private final double slowHalfLifeS;
  private final long minTotalBytes;
  private final SampleGate gate = new SampleGate();
  private double fast;
  private double slow;
  private double totalWeightS;
  private long totalBytes;

  /**
   * An EWMA estimator.
   *
   * @param name table name
   * @param fastHalfLifeS fast half-life, in seconds of sampled download time
   * @param slowHalfLifeS slow half-life, in seconds
   * @param minTotalBytes bytes to sample before giving an estimate
   */
  public EwmaEstimator(
      String name, double fastHalfLifeS, double slowHalfLifeS, long minTotalBytes) {
    if (!(fastHalfLifeS > 0) || !(slowHalfLifeS > 0) || minTotalBytes < 0) {
      throw new IllegalArgumentException("half-lives must be positive, min bytes non-negative");
    }
    this.name = name;
    this.fastHalfLifeS = fastHalfLifeS;
    this.slowHalfLifeS = slowHalfLifeS;
    this.minTotalBytes = minTotalBytes;
  }

  /** Shaka Player's defaults: 2 s / 5 s, estimate after 128 kB. */
  public static EwmaEstimator shaka() {
    return new EwmaEstimator(
        "ewma", SHAKA_FAST_HALF_LIFE_S, SHAKA_SLOW_HALF_LIFE_S, SHAKA_MIN_TOTAL_BYTES);
  }

  /** dash.js's defaults: 3 s / 8 s, estimate from the first sample. */
  public static EwmaEstimator dashJs() {
    return new EwmaEstimator("ewma-dashjs", DASHJS_FAST_HALF_LIFE_S, DASHJS_SLOW_HALF_LIFE_S, 0);
  }

  @Override
  public void addSample(long bytes, double latencyS, double transferS) {
    switch (gate.admit(bytes, latencyS, transferS)) {
      case IGNORE:
        return;
      case RESET_THEN_ACCEPT:
        fast = 0;
        slow = 0;
        totalWeightS = 0;
        totalBytes = 0;
        break;
      case ACCEPT:
        break;
    }
    double weightS = latencyS + transferS;
    double bps = 8.0 * bytes / weightS;
    double fastAlpha = Math.pow(0.5, weightS / fastHalfLifeS);
    double slowAlpha = Math.pow(0.5, weightS / slowHalfLifeS);
    fast = fastAlpha * fast + (1 - fastAlpha) * bps;
    slow = slowAlpha * slow + (1 - slowAlpha) * bps;
    totalWeightS += weightS;
    totalBytes += bytes;
  }

  @Override
  public OptionalDouble estimateBps() {
    if (totalWeightS <= 0 || totalBytes < minTotalBytes) {
      return OptionalDouble.empty();
    }
    double fastEstimate = fast / (1 - Math.pow(0.5, totalWeightS / fastHalfLifeS));
    double slowEstimate = slow / (1 - Math.pow(0.5, totalWeightS / slowHalfLifeS));
    return OptionalDouble.of(Math.min(fastEstimate, slowEstimate));
  }

  @Override
  public String name() {
    return name;
  }
}
