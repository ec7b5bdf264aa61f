package io.vodkit.abr.estimate;

import io.vodkit.abr.BandwidthEstimator;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A weighted percentile of recent throughput samples, ExoPlayer's {@code DefaultBandwidthMeter} +
 * {@code SlidingPercentile}: each sample weighs {@code floor(sqrt(bytes))}, the oldest weight is
 * trimmed so the window holds at most {@code maxWeight} (2000), and the estimate is the weighted
 * median (percentile 0.5). As in ExoPlayer, no estimate is given until 2 s of transfer time or 512
 * KiB have been sampled. Samples pass a {@link SampleGate}. Not thread-safe.
 */
public final class SlidingPercentileEstimator implements BandwidthEstimator {
  /** ExoPlayer {@code DEFAULT_SLIDING_WINDOW_MAX_WEIGHT}. */
  public static final int DEFAULT_MAX_WEIGHT = 2000;

  /** ExoPlayer's percentile: the median. */
  public static final double DEFAULT_PERCENTILE = 0.5;

  /** ExoPlayer {@code ELAPSED_MILLIS_FOR_ESTIMATE}, in seconds. */
  public static final double ELAPSED_S_FOR_ESTIMATE = 2.0;

  /** ExoPlayer {@code BYTES_TRANSFERRED_FOR_ESTIMATE}. */
  public static final long BYTES_FOR_ESTIMATE = 512 * 1024;

  private static final class Sample {
    final double bps;
    long weight;

    Sample(double bps, long weight) {
      this.bps = bps;
      this.weight = weight;
    }
  }

  private final int maxWeight;
  private final double percentile;
  private final SampleGate gate = new SampleGate();
  private final Deque<Sample> samples = new ArrayDeque<>();
  private long totalWeight;
  private double totalElapsedS;
  private long totalBytes;

  /** ExoPlayer's defaults: max weight 2000, median. */
  public SlidingPercentileEstimator() {
    this(DEFAULT_MAX_WEIGHT, DEFAULT_PERCENTILE);
  }

  /**
   * A custom window.
   *
   * @param maxWeight total weight the window keeps (≥ 1)
   * @param percentile in (0, 1]
   */
  public SlidingPercentileEstimator(int maxWeight, double percentile) {
    if (maxWeight < 1 || !(percentile > 0 && percentile <= 1)) {
      throw new IllegalArgumentException("max weight ≥ 1 and percentile in (0, 1] required");
    }
    this.maxWeight = maxWeight;
    this.percentile = percentile;
  }

  @Override
  public void addSample(long bytes, double latencyS, double transferS) {
    switch (gate.admit(bytes, latencyS, transferS)) {
      case IGNORE:
        return;
      case RESET_THEN_ACCEPT:
        samples.clear();
        totalWeight = 0;
        totalElapsedS = 0;
        totalBytes = 0;
        break;
      case ACCEPT:
        break;
    }
    double elapsedS = latencyS + transferS;
    long weight = Math.max(1, (long) Math.sqrt((double) bytes));
    samples.addLast(new Sample(8.0 * bytes / elapsedS, weight));
    totalWeight += weight;
    totalElapsedS += elapsedS;
    totalBytes += bytes;
    while (totalWeight > maxWeight) {
      long excess = totalWeight - maxWeight;
      Sample oldest = samples.peekFirst();
      if (oldest.weight <= excess) {
        samples.removeFirst();
        totalWeight -= oldest.weight;
      } else {
        oldest.weight -= excess;
        totalWeight -= excess;
      }
    }
  }

  @Override
  public OptionalDouble estimateBps() {
    if (samples.isEmpty()
        || (totalElapsedS < ELAPSED_S_FOR_ESTIMATE && totalBytes < BYTES_FOR_ESTIMATE)) {
      return OptionalDouble.empty();
    }
    List<Sample> byValue = new ArrayList<>(samples);
    byValue.sort(Comparator.comparingDouble(s -> s.bps));
    double desired = percentile * totalWeight;
    long accumulated = 0;
    for (Sample s : byValue) {
      accumulated += s.weight;
      if (accumulated >= desired) {
        return OptionalDouble.of(s.bps);
      }
    }
    return OptionalDouble.of(byValue.get(byValue.size() - 1).bps);
  }

  @Override
  public String name() {
    return "percentile";
  }
}
