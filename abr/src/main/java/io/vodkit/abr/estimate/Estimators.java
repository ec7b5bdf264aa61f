package io.vodkit.abr.estimate;

import io.vodkit.abr.BandwidthEstimator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Estimators by name, for configuration files and the {@code abr-sim} command line. Each call makes
 * a fresh instance. Thread-safe.
 */
public final class Estimators {
  /** Every name {@link #named} accepts. */
  public static final List<String> NAMES =
      List.of("latest", "ewma", "ewma-dashjs", "harmonic", "percentile");

  private Estimators() {}

  /**
   * A fresh estimator.
   *
   * <ul>
   *   <li>{@code latest} — {@link LatestSampleEstimator}
   *   <li>{@code ewma} — {@link EwmaEstimator#shaka()} (2 s / 5 s, 128 kB)
   *   <li>{@code ewma-dashjs} — {@link EwmaEstimator#dashJs()} (3 s / 8 s)
   *   <li>{@code harmonic} — {@link HarmonicMeanEstimator} over 5 samples
   *   <li>{@code percentile} — {@link SlidingPercentileEstimator} (ExoPlayer)
   * </ul>
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static BandwidthEstimator named(String name) {
    return factory(name).get();
  }

  /** A factory for {@link #named}{@code (name)}. */
  public static Supplier<BandwidthEstimator> factory(String name) {
    switch (name) {
      case "latest":
        return LatestSampleEstimator::new;
      case "ewma":
        return EwmaEstimator::shaka;
      case "ewma-dashjs":
        return EwmaEstimator::dashJs;
      case "harmonic":
        return HarmonicMeanEstimator::new;
      case "percentile":
        return SlidingPercentileEstimator::new;
      default:
        throw new IllegalArgumentException("unknown estimator '" + name + "'; known: " + NAMES);
    }
  }
}
