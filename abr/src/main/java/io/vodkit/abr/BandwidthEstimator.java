package io.vodkit.abr;

import java.util.OptionalDouble;

/**
 * Turns finished downloads into a throughput estimate.
 *
 * <p>Each sample is one HTTP response: {@code bytes} of payload, {@code latencyS} from request to
 * first byte and {@code transferS} from first byte to last. The throughput of a sample is {@code 8
 * × bytes / (latencyS + transferS)}: like the spec's "bytes received / time taken", Pensieve and
 * dash.js's default, the request round trip is part of the measurement, so rules need no separate
 * latency correction. Implementations document which samples they ignore (too small to measure, or
 * answered from a cache); see {@code io.vodkit.abr.estimate.SampleGate}.
 *
 * <p>Not thread-safe: one estimator serves one playback session, fed and read on one thread.
 */
public interface BandwidthEstimator {

  /**
   * Records one finished download.
   *
   * @param bytes payload bytes received
   * @param latencyS seconds from sending the request to the first byte (≥ 0)
   * @param transferS seconds from the first byte to the last (≥ 0)
   */
  void addSample(long bytes, double latencyS, double transferS);

  /** The current estimate in bits per second, or empty while there is not enough data. */
  OptionalDouble estimateBps();

  /** A short name for tables, such as {@code ewma}. */
  String name();
}
