package io.vodkit.abr.estimate;

import io.vodkit.abr.BandwidthEstimator;
import java.util.OptionalDouble;

/**
 * The throughput of the last accepted download, nothing more: the "measured" of the spec's
 * reference rule ("downloads segment N and measures actual download throughput"). Samples pass a
 * {@link SampleGate}. Not thread-safe.
 */
public final class LatestSampleEstimator implements BandwidthEstimator {
  private final SampleGate gate = new SampleGate();
  private double latestBps = Double.NaN;

  @Override
  public void addSample(long bytes, double latencyS, double transferS) {
    if (gate.admit(bytes, latencyS, transferS) != SampleGate.Verdict.IGNORE) {
      latestBps = 8.0 * bytes / (latencyS + transferS);
    }
  }

  @Override
  public OptionalDouble estimateBps() {
    return Double.isNaN(latestBps) ? OptionalDouble.empty() : OptionalDouble.of(latestBps);
  }

  @Override
  public String name() {
    return "latest";
  }
}
