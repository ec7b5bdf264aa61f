package io.vodkit.abr.estimate;

/**
 * Decides which download samples an estimator may learn from. Every estimator here owns one.
 *
 * <ul>
 *   <li><b>Tiny responses</b> — fewer than {@link #MIN_SAMPLE_BYTES} (16 kB, Shaka Player's {@code
 *       minBytes}) are ignored: their time is dominated by the round trip, so they would drag the
 *       estimate down.
 *   <li><b>Cached responses</b> — a transfer (first byte to last) shorter than {@link
 *       #CACHED_TRANSFER_MAX_S} (50 ms, dash.js {@code cacheLoadThresholds.video}) is taken to come
 *       from a local cache and says nothing about the network. As in dash.js {@code
 *       ThroughputHistory.push}: cached samples are ignored once a real one has been seen; while
 *       only cached ones exist they are used (a rule needs something), and the first real sample
 *       then wipes them ({@link Verdict#RESET_THEN_ACCEPT}).
 * </ul>
 *
 * <p>Not thread-safe; one gate per estimator.
 */
public final class SampleGate {
  /** Responses smaller than this many bytes are ignored (Shaka {@code minBytes} = 16e3). */
  public static final long MIN_SAMPLE_BYTES = 16_000;

  /** Transfers shorter than this, in seconds, count as cache hits (dash.js video threshold). */
  public static final double CACHED_TRANSFER_MAX_S = 0.050;

  /** What an estimator does with a sample. */
  public enum Verdict {
    /** Learn from it. */
    ACCEPT,
    /** Drop it. */
    IGNORE,
    /** Forget everything learnt so far (it came from cached samples), then learn from it. */
    RESET_THEN_ACCEPT
  }

  private final long minSampleBytes;
  private final double cachedTransferMaxS;
  private boolean sawRealSample;
  private boolean holdsCachedSamples;

  /** A gate with the documented defaults. */
  public SampleGate() {
    this(MIN_SAMPLE_BYTES, CACHED_TRANSFER_MAX_S);
  }

  /**
   * A gate with custom thresholds.
   *
   * @param minSampleBytes samples below this many bytes are ignored (0 keeps all)
   * @param cachedTransferMaxS transfers below this many seconds count as cached (0 disables)
   */
  public SampleGate(long minSampleBytes, double cachedTransferMaxS) {
    if (minSampleBytes < 0 || !(cachedTransferMaxS >= 0)) {
      throw new IllegalArgumentException("thresholds must not be negative");
    }
    this.minSampleBytes = minSampleBytes;
    this.cachedTransferMaxS = cachedTransferMaxS;
  }

  /** Classifies one sample and updates the gate's memory of what was accepted. */
  public Verdict admit(long bytes, double latencyS, double transferS) {
    if (bytes < minSampleBytes
        || !(latencyS >= 0)
        || !(transferS >= 0)
        || latencyS + transferS <= 0) {
      return Verdict.IGNORE;
    }
    boolean cached = transferS < cachedTransferMaxS;
    if (cached) {
      if (sawRealSample) {
        return Verdict.IGNORE;
      }
      holdsCachedSamples = true;
      return Verdict.ACCEPT;
    }
    sawRealSample = true;
    if (holdsCachedSamples) {
      holdsCachedSamples = false;
      return Verdict.RESET_THEN_ACCEPT;
    }
    return Verdict.ACCEPT;
  }
}
