package io.vodkit.abr.sim;

/**
 * How the simulated player and link behave. Immutable.
 *
 * @param rttS round trip added to every request when the trace has no latencies of its own, in
 *     seconds; like Pensieve's {@code LINK_RTT} it does not advance the trace
 * @param payloadEfficiency share of the trace's bandwidth that carries payload (Pensieve: 0.95)
 * @param bufferCapS when a chunk lands and the buffer exceeds this, the player sleeps until it is
 *     back at the cap (Pensieve: 60 s)
 * @param sleepQuantumS sleeps are the excess rounded up to a multiple of this (Pensieve: 0.5 s)
 * @param startupBufferS playback starts once at least one chunk and this much media are buffered
 *     (0: as soon as the first chunk lands, as in Pensieve)
 * @param firstRung the rung of chunk 0, or -1 to let the rule choose (Pensieve: 1, 750 kbps)
 * @param scoredFromChunk QoE and the statistics count chunks from this index on (Pensieve's plots
 *     drop chunk 0: 1)
 * @param maxPausesPerChunk how often a rule may ask to pause before one chunk (a guard)
 */
public record SimConfig(
    double rttS,
    double payloadEfficiency,
    double bufferCapS,
    double sleepQuantumS,
    double startupBufferS,
    int firstRung,
    int scoredFromChunk,
    int maxPausesPerChunk) {
  /** Pensieve {@code LINK_RTT}, in seconds. */
  public static final double PENSIEVE_RTT_S = 0.080;

  /** Pensieve {@code PACKET_PAYLOAD_PORTION}. */
  public static final double PENSIEVE_PAYLOAD_EFFICIENCY = 0.95;

  /** Pensieve {@code BUFFER_THRESH}, in seconds. */
  public static final double PENSIEVE_BUFFER_CAP_S = 60.0;

  /** Pensieve {@code DRAIN_BUFFER_SLEEP_TIME}, in seconds. */
  public static final double PENSIEVE_SLEEP_QUANTUM_S = 0.5;

  /** Pensieve {@code DEFAULT_QUALITY}: the first chunk's rung (750 kbps). */
  public static final int PENSIEVE_FIRST_RUNG = 1;

  /** Validates ranges. */
  public SimConfig {
    if (!(rttS >= 0)
        || !(payloadEfficiency > 0 && payloadEfficiency <= 1)
        || !(bufferCapS > 0)
        || !(sleepQuantumS > 0)
        || !(startupBufferS >= 0)
        || firstRung < -1
        || scoredFromChunk < 0
        || maxPausesPerChunk < 0) {
      throw new IllegalArgumentException("invalid simulator configuration");
    }
  }

  /**
   * Pensieve's {@code fixed_env.py}: 80 ms RTT, 0.95 payload, 60 s cap, 0.5 s sleeps, start at rung
   * 1.
   */
  public static SimConfig pensieve() {
    return new SimConfig(
        PENSIEVE_RTT_S,
        PENSIEVE_PAYLOAD_EFFICIENCY,
        PENSIEVE_BUFFER_CAP_S,
        PENSIEVE_SLEEP_QUANTUM_S,
        0,
        PENSIEVE_FIRST_RUNG,
        1,
        8);
  }

  /** A copy with another first rung (-1: the rule chooses). */
  public SimConfig withFirstRung(int rung) {
    return new SimConfig(
        rttS,
        payloadEfficiency,
        bufferCapS,
        sleepQuantumS,
        startupBufferS,
        rung,
        scoredFromChunk,
        maxPausesPerChunk);
  }

  /** A copy with another payload efficiency (Sabre: 1.0). */
  public SimConfig withPayloadEfficiency(double efficiency) {
    return new SimConfig(
        rttS,
        efficiency,
        bufferCapS,
        sleepQuantumS,
        startupBufferS,
        firstRung,
        scoredFromChunk,
        maxPausesPerChunk);
  }

  /** A copy with another start-up buffer, in seconds. */
  public SimConfig withStartupBufferS(double seconds) {
    return new SimConfig(
        rttS,
        payloadEfficiency,
        bufferCapS,
        sleepQuantumS,
        seconds,
        firstRung,
        scoredFromChunk,
        maxPausesPerChunk);
  }
}
