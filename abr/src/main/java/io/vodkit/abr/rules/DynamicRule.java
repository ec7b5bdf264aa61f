package io.vodkit.abr.rules;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;

/**
 * dash.js's default {@code ABRStrategy} "abrDynamic" ({@code AbrController
 * ._updateDynamicAbrStrategy}, v3/v4): {@link ThroughputRule} while the buffer is short, {@link
 * BolaRule} once it is long, with hysteresis. BOLA takes over when the buffer is <b>above</b>
 * {@code stableBufferTime} (12 s by default) and hands back when it falls to {@code 0.5 ×
 * stableBufferTime} (6 s) or below. {@link InsufficientBufferRule} applies in both modes, and the
 * lower rung wins. BOLA keeps observing segment events while inactive, as in dash.js.
 *
 * <p>One instance per session; not thread-safe.
 */
public final class DynamicRule implements AbrRule {
  /** Share of {@code stableBufferTime} at or below which BOLA hands back (dash.js: 0.5). */
  public static final double SWITCH_OFF_FRACTION = 0.5;

  private final double switchOnS;
  private final double switchOffS;
  private final ThroughputRule throughput = new ThroughputRule();
  private final BolaRule bola;
  private final InsufficientBufferRule insufficientBuffer = new InsufficientBufferRule();
  private boolean usingBola;

  /** dash.js defaults: on above 12 s, off at 6 s. */
  public DynamicRule() {
    this(BolaRule.DASHJS_STABLE_BUFFER_S);
  }

  /** Thresholds from a custom {@code stableBufferTime} in seconds. */
  public DynamicRule(double stableBufferS) {
    this.switchOnS = stableBufferS;
    this.switchOffS = SWITCH_OFF_FRACTION * stableBufferS;
    this.bola = new BolaRule(stableBufferS, ThroughputRule.DASHJS_SAFETY_FACTOR);
  }

  /** Whether BOLA made the last decision. */
  boolean usingBola() {
    return usingBola;
  }

  @Override
  public AbrDecision decide(AbrInput in) {
    usingBola = in.bufferS() > (usingBola ? switchOffS : switchOnS);
    bola.observe(in);
    AbrDecision main = usingBola ? bola.decide(in) : throughput.decide(in);
    AbrDecision cap = insufficientBuffer.decide(in);
    return new AbrDecision(Math.min(main.rung(), cap.rung()), main.pauseS());
  }

  @Override
  public String name() {
    return "dynamic";
  }
}
