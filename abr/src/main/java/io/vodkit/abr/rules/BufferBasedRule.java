package io.vodkit.abr.rules;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;
import io.vodkit.abr.Ladder;

/**
 * BBA-0, the buffer-based algorithm of Huang, Johari, McKeown, Trunnell and Watson, "A Buffer-Based
 * Approach to Rate Adaptation: Evidence from a Large Video Streaming Service", SIGCOMM 2014,
 * Algorithm 1. Throughput is never looked at.
 *
 * <p>A rate map {@code f(B)} rises linearly from {@code R_min} at the end of the reservoir {@code
 * r} to {@code R_max} at {@code r + cu} (the cushion). With {@code Rate+} / {@code Rate−} the rungs
 * just above / below the previous one:
 *
 * <pre>
 * B ≤ r             → R_min
 * B ≥ r + cu        → R_max
 * f(B) ≥ Rate+      → max{R_i : R_i &lt; f(B)}
 * f(B) ≤ Rate−      → min{R_i : R_i &gt; f(B)}
 * otherwise         → previous rate (hysteresis)
 * </pre>
 *
 * <p>The paper's reservoir 90 s and cushion 126 s belong to Netflix's 240 s buffer ({@link
 * #PAPER_RESERVOIR_S}, {@link #PAPER_CUSHION_S}); for a 60 s buffer the default is Pensieve's
 * published BBA setting, reservoir 5 s and cushion 10 s ({@code test/bb.py}). One instance per
 * session (stateless apart from the previous rung it is given).
 */
public final class BufferBasedRule implements AbrRule {
  /** Pensieve's BB reservoir for its 60 s buffer, in seconds. */
  public static final double PENSIEVE_RESERVOIR_S = 5.0;

  /** Pensieve's BB cushion, in seconds. */
  public static final double PENSIEVE_CUSHION_S = 10.0;

  /** The SIGCOMM 2014 paper's reservoir (240 s buffer), in seconds. */
  public static final double PAPER_RESERVOIR_S = 90.0;

  /** The SIGCOMM 2014 paper's cushion (240 s buffer), in seconds. */
  public static final double PAPER_CUSHION_S = 126.0;

  private final double reservoirS;
  private final double cushionS;

  /** Pensieve's 5 s reservoir and 10 s cushion (suits a 60 s buffer). */
  public BufferBasedRule() {
    this(PENSIEVE_RESERVOIR_S, PENSIEVE_CUSHION_S);
  }

  /**
   * Custom reservoir and cushion.
   *
   * @param reservoirS buffer (seconds) at and below which the lowest rung is fetched
   * @param cushionS width (seconds) of the linear part of the rate map, positive
   */
  public BufferBasedRule(double reservoirS, double cushionS) {
    if (!(reservoirS >= 0) || !(cushionS > 0)) {
      throw new IllegalArgumentException("reservoir ≥ 0 and cushion > 0 required");
    }
    this.reservoirS = reservoirS;
    this.cushionS = cushionS;
  }

  @Override
  public AbrDecision decide(AbrInput in) {
    Ladder ladder = in.ladder();
    double buffer = in.bufferS();
    if (buffer <= reservoirS) {
      return AbrDecision.of(0);
    }
    if (buffer >= reservoirS + cushionS) {
      return AbrDecision.of(ladder.topRung());
    }
    int prev = Math.max(0, in.lastRung());
    double rMin = ladder.bitrateBps(0);
    double rMax = ladder.bitrateBps(ladder.topRung());
    double f = rMin + (rMax - rMin) * (buffer - reservoirS) / cushionS;
    double ratePlus = ladder.bitrateBps(Math.min(prev + 1, ladder.topRung()));
    double rateMinus = ladder.bitrateBps(Math.max(prev - 1, 0));
    if (f >= ratePlus) {
      int r = 0;
      for (int i = 0; i < ladder.rungCount(); i++) {
        if (ladder.bitrateBps(i) < f) {
          r = i;
        }
      }
      return AbrDecision.of(r);
    }
    if (f <= rateMinus) {
      for (int i = 0; i < ladder.rungCount(); i++) {
        if (ladder.bitrateBps(i) > f) {
          return AbrDecision.of(i);
        }
      }
      return AbrDecision.of(ladder.topRung());
    }
    return AbrDecision.of(prev);
  }

  @Override
  public String name() {
    return "bba";
  }
}
