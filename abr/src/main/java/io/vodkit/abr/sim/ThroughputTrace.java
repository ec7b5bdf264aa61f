package io.vodkit.abr.sim;

import java.util.Arrays;

/**
 * A network trace: consecutive periods of constant bandwidth, optionally each with its own request
 * latency, looping forever (as in Pensieve and Sabre).
 *
 * <p>Build it from Pensieve samples ({@link #ofSamples}: the value on line {@code i} holds between
 * lines {@code i−1} and {@code i}, line 0's value is never used) or from Sabre periods ({@link
 * #ofPeriods}). Immutable and thread-safe; {@link #cursor()} gives a reader with its own position.
 */
public final class ThroughputTrace {
  private final String name;
  private final double[] durationS;
  private final double[] bps;
  private final double[] latencyS; // null when the trace has no latencies

  private ThroughputTrace(String name, double[] durationS, double[] bps, double[] latencyS) {
    this.name = name;
    this.durationS = durationS;
    this.bps = bps;
    this.latencyS = latencyS;
    double usable = 0;
    for (int i = 0; i < durationS.length; i++) {
      if (!(durationS[i] >= 0)
          || !(bps[i] >= 0)
          || Double.isInfinite(durationS[i])
          || Double.isInfinite(bps[i])) {
        throw new IllegalArgumentException(
            name + ": period " + i + " has a negative or invalid value");
      }
      if (latencyS != null && !(latencyS[i] >= 0)) {
        throw new IllegalArgumentException(name + ": period " + i + " has a negative latency");
      }
      usable += durationS[i] * bps[i];
    }
    if (!(usable > 0)) {
      throw new IllegalArgumentException(name + ": the trace never carries a byte");
    }
  }

  /**
   * Pensieve semantics: sample {@code i} ({@code i ≥ 1}) gives the throughput between {@code
   * timeS[i−1]} and {@code timeS[i]}.
   *
   * @param name trace name
   * @param timeS non-decreasing times, at least two
   * @param mbps throughput in Mbit/s (10^6 bit/s), one per time
   */
  public static ThroughputTrace ofSamples(String name, double[] timeS, double[] mbps) {
    if (timeS.length != mbps.length || timeS.length < 2) {
      throw new IllegalArgumentException(name + ": need at least two samples of (time, Mbps)");
    }
    double[] durations = new double[timeS.length - 1];
    double[] rates = new double[timeS.length - 1];
    for (int i = 1; i < timeS.length; i++) {
      durations[i - 1] = timeS[i] - timeS[i - 1];
      rates[i - 1] = mbps[i] * 1e6;
      if (durations[i - 1] < 0) {
        throw new IllegalArgumentException(name + ": time goes backwards at sample " + i);
      }
    }
    return new ThroughputTrace(name, durations, rates, null);
  }

  /**
   * Sabre semantics: consecutive periods, each with a bandwidth and a request latency.
   *
   * @param name trace name
   * @param durationS period lengths in seconds
   * @param bps bandwidth of each period, bits per second
   * @param latencyS latency of each period in seconds, or {@code null} for none
   */
  public static ThroughputTrace ofPeriods(
      String name, double[] durationS, double[] bps, double[] latencyS) {
    if (durationS.length == 0
        || durationS.length != bps.length
        || (latencyS != null && latencyS.length != durationS.length)) {
      throw new IllegalArgumentException(name + ": periods need matching, non-empty arrays");
    }
    return new ThroughputTrace(
        name, durationS.clone(), bps.clone(), latencyS == null ? null : latencyS.clone());
  }

  /** The trace's name (usually its file name). */
  public String name() {
    return name;
  }

  /** Whether each period carries its own request latency (Sabre traces). */
  public boolean hasLatency() {
    return latencyS != null;
  }

  /** Number of periods. */
  public int periodCount() {
    return durationS.length;
  }

  /** Length of period {@code i}, in seconds. */
  public double periodDurationS(int i) {
    return durationS[i];
  }

  /** Bandwidth of period {@code i}, in bits per second. */
  public double periodBps(int i) {
    return bps[i];
  }

  /** Length of one pass through the trace, in seconds. */
  public double lengthS() {
    return Arrays.stream(durationS).sum();
  }

  /** Mean bandwidth over one pass, time-weighted, in bits per second. */
  public double meanBps() {
    double bits = 0;
    for (int i = 0; i < durationS.length; i++) {
      bits += durationS[i] * bps[i];
    }
    return bits / lengthS();
  }

  /** A reader positioned at the start of the trace. */
  public Cursor cursor() {
    return new Cursor();
  }

  /** Receives the stretches of trace a cursor consumed while transferring. */
  @FunctionalInterface
  public interface TransferListener {
    /**
     * Called once per stretch of constant bandwidth.
     *
     * @param offsetS seconds since the start of this transfer
     * @param durationS length of the stretch
     * @param bps the trace's bandwidth during it (before payload efficiency)
     */
    void onStretch(double offsetS, double durationS, double bps);
  }

  /** A position in the (looping) trace. Moves only forward; not thread-safe. */
  public final class Cursor {
    private int period;
    private double intoPeriodS;
    private double elapsedS;

    private Cursor() {}

    /** Seconds of trace consumed so far (grows past {@link #lengthS()} as the trace loops). */
    public double elapsedS() {
      return elapsedS;
    }

    private double remainingInPeriodS() {
      return durationS[period] - intoPeriodS;
    }

    private void nextPeriod() {
      period = (period + 1) % durationS.length;
      intoPeriodS = 0;
    }

    /**
     * Delivers {@code bytes} of payload, each second of period {@code i} carrying {@code bps_i / 8
     * × payloadEfficiency} bytes, and returns the time it took (Pensieve's download loop).
     */
    public double transfer(long bytes, double payloadEfficiency, TransferListener listener) {
      double remainingBytes = bytes;
      double takenS = 0;
      while (true) {
        if (remainingBytes <= 0) {
          return takenS;
        }
        double rateBytesPerS = bps[period] / 8.0 * payloadEfficiency;
        double periodS = remainingInPeriodS();
        double periodBytes = rateBytesPerS * periodS;
        if (periodBytes > remainingBytes) {
          double partS = remainingBytes / rateBytesPerS;
          listener.onStretch(takenS, partS, bps[period]);
          intoPeriodS += partS;
          elapsedS += partS;
          return takenS + partS;
        }
        if (periodS > 0) {
          listener.onStretch(takenS, periodS, bps[period]);
        }
        remainingBytes -= periodBytes;
        takenS += periodS;
        elapsedS += periodS;
        nextPeriod();
      }
    }

    /** Lets {@code seconds} of trace pass without transferring (sleeping, pausing). */
    public void idle(double seconds) {
      double left = seconds;
      while (left > 0) {
        double periodS = remainingInPeriodS();
        if (periodS > left) {
          intoPeriodS += left;
          elapsedS += left;
          return;
        }
        left -= periodS;
        elapsedS += periodS;
        nextPeriod();
      }
    }

    /**
     * Waits one request latency as Sabre does: the latency of the period in force, and if the wait
     * crosses into the next period, the rest of it is scaled to that period's latency. Returns the
     * time waited. Requires {@link #hasLatency()}.
     */
    public double waitLatency() {
      if (latencyS == null) {
        throw new IllegalStateException(name + " has no latencies");
      }
      double units = 1.0;
      double waitedS = 0;
      while (units > 0) {
        double lat = latencyS[period];
        double periodS = remainingInPeriodS();
        if (units * lat <= periodS) {
          intoPeriodS += units * lat;
          elapsedS += units * lat;
          return waitedS + units * lat;
        }
        waitedS += periodS;
        elapsedS += periodS;
        units -= periodS / lat;
        nextPeriod();
      }
      return waitedS;
    }
  }
}
