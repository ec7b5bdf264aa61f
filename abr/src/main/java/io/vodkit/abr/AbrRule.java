package io.vodkit.abr;

/**
 * Chooses the rung of the next chunk.
 *
 * <p>Rules may keep state across calls (BOLA's placeholder buffer, MPC's past prediction errors),
 * so one instance serves exactly one playback session; make a new one per session. The caller feeds
 * every finished download to the {@link BandwidthEstimator} before the next call. Not thread-safe.
 *
 * <pre>{@code
 * AbrRule rule = new ReferenceThroughputRule();
 * AbrDecision next = rule.decide(new AbrInput(ladder, 7, bufferS, estimator, lastRung, nowS, history));
 * }</pre>
 */
public interface AbrRule {

  /** The rung (and optional pause) for chunk {@code input.chunkIndex()}. */
  AbrDecision decide(AbrInput input);

  /** A short name for tables, such as {@code bola}. */
  String name();
}
