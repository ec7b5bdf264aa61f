package io.vodkit.abr;

/**
 * A per-chunk quality-of-experience score of the form used by MPC (Yin et al., SIGCOMM 2015) and
 * Pensieve (Mao et al., SIGCOMM 2017):
 *
 * <pre>
 * QoE_k = q(R_k) − μ · rebuffer_k − |q(R_k) − q(R_{k−1})|
 * </pre>
 *
 * <p>where {@code q} is {@link #utility}, {@code μ} is {@link #rebufferPenaltyPerS()} and the first
 * chunk's previous rung is its own (no switch term). Implementations are immutable and thread-safe;
 * {@link PensieveQoe} holds the three standard ones.
 */
public interface QoeModel {

  /** {@code q(R)} of {@code rung} on {@code ladder}. */
  double utility(Ladder ladder, int rung);

  /** {@code μ}: QoE lost per second of rebuffering. */
  double rebufferPenaltyPerS();

  /** A short name for tables, such as {@code linear}. */
  String label();

  /**
   * One chunk's score.
   *
   * @param ladder the ladder
   * @param rung the chunk's rung
   * @param previousRung the previous chunk's rung (pass {@code rung} for the first chunk)
   * @param rebufferS stall caused by this chunk, in seconds
   */
  default double chunkQoe(Ladder ladder, int rung, int previousRung, double rebufferS) {
    double q = utility(ladder, rung);
    return q - rebufferPenaltyPerS() * rebufferS - Math.abs(q - utility(ladder, previousRung));
  }
}
