package io.vodkit.abr;

import java.util.Locale;

/**
 * Pensieve's three QoE metrics (Mao, Netravali, Alizadeh, "Neural Adaptive Video Streaming with
 * Pensieve", SIGCOMM 2017, §5.1), each of the {@link QoeModel} form:
 *
 * <ul>
 *   <li>{@link #LINEAR} — {@code q(R) = R} in Mbps, {@code μ = 4.3} (MPC's QoE_lin);
 *   <li>{@link #LOG} — {@code q(R) = ln(R / R_min)}, {@code μ = 2.66};
 *   <li>{@link #HD} — {@code q} maps 300, 750, 1200, 1850, 2850, 4300 kbps to 1, 2, 3, 12, 15, 20,
 *       {@code μ = 8}; defined only for 6-rung ladders (by rung index).
 * </ul>
 */
public enum PensieveQoe implements QoeModel {
  /** {@code q(R) = R_Mbps}, μ = 4.3. */
  LINEAR(4.3),
  /** {@code q(R) = ln(R / R_min)}, μ = 2.66. */
  LOG(2.66),
  /** {@code q} = 1, 2, 3, 12, 15, 20 by rung, μ = 8. */
  HD(8.0);

  private static final double[] HD_UTILITY_BY_RUNG = {1, 2, 3, 12, 15, 20};

  private final double rebufferPenaltyPerS;

  PensieveQoe(double rebufferPenaltyPerS) {
    this.rebufferPenaltyPerS = rebufferPenaltyPerS;
  }

  /** Parses {@code linear}, {@code log} or {@code hd} (any case). */
  public static PensieveQoe parse(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }

  /** Whether this metric is defined on {@code ladder} (HD needs exactly six rungs). */
  public boolean supports(Ladder ladder) {
    return this != HD || ladder.rungCount() == HD_UTILITY_BY_RUNG.length;
  }

  @Override
  public double utility(Ladder ladder, int rung) {
    switch (this) {
      case LINEAR:
        return ladder.bitrateBps(rung) / 1e6;
      case LOG:
        return Math.log((double) ladder.bitrateBps(rung) / ladder.bitrateBps(0));
      default:
        if (!supports(ladder)) {
          throw new IllegalArgumentException(
              "HD QoE is defined for 6-rung ladders only, this one has " + ladder.rungCount());
        }
        return HD_UTILITY_BY_RUNG[rung];
    }
  }

  @Override
  public double rebufferPenaltyPerS() {
    return rebufferPenaltyPerS;
  }

  @Override
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
