package io.vodkit.abr.estimate;

import io.vodkit.abr.BandwidthEstimator;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalDouble;

/**
 * Harmonic mean of the last {@code window} sample throughputs: robust to single outliers upward, as
 * used by MPC (Yin et al., SIGCOMM 2015: past 5 chunks) and FESTIVE (Jiang et al., CoNEXT 2012:
 * past 20). Samples pass a {@link SampleGate}. Not thread-safe.
 */
public final class HarmonicMeanEstimator implements BandwidthEstimator {
  /** MPC's window: the past 5 chunks. */
  public static final int MPC_WINDOW = 5;

  private final int window;
  private final SampleGate gate = new SampleGate();
  private final Deque<Double> samplesBps = new ArrayDeque<>();

  /** The MPC window of 5. */
  public HarmonicMeanEstimator() {
    this(MPC_WINDOW);
  }

  /** A window of {@code window} samples (≥ 1). */
  public HarmonicMeanEstimator(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be at least 1: " + window);
    }
    this.window = window;
  }

  @Override
  public void addSample(long bytes, double latencyS, double transferS) {
    switch (gate.admit(bytes, latencyS, transferS)) {
      case IGNORE:
        return;
      case RESET_THEN_ACCEPT:
        samplesBps.clear();
        break;
      case ACCEPT:
        break;
    }
    samplesBps.addLast(8.0 * bytes / (latencyS + transferS));
    while (samplesBps.size() > window) {
      samplesBps.removeFirst();
    }
  }

  @Override
  public OptionalDouble estimateBps() {
    if (samplesBps.isEmpty()) {
      return OptionalDouble.empty();
    }
    double inverseSum = 0;
    for (double bps : samplesBps) {
      inverseSum += 1.0 / bps;
    }
    return OptionalDouble.of(samplesBps.size() / inverseSum);
  }

  @Override
  public String name() {
    return "harmonic";
  }
}
