package io.vodkit.abr.rules;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;
import io.vodkit.abr.ChunkDownload;
import io.vodkit.abr.Ladder;
import io.vodkit.abr.QoeModel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * MPC and robust MPC: Yin, Jindal, Sekar, Sinopoli, "A Control-Theoretic Approach for Dynamic
 * Adaptive Video Streaming over HTTP", SIGCOMM 2015, as implemented in Pensieve's {@code
 * test/mpc.py}.
 *
 * <p>Throughput prediction is the session estimator (pair it with the harmonic mean of the last 5
 * chunks, as the paper does). <b>Robust MPC</b> divides it by {@code 1 + max error} over the last 5
 * decisions, where a decision's error is {@code |predicted − measured| / measured} for the chunk it
 * predicted. It then enumerates every rung sequence for the next {@code min(5, chunks left)} chunks
 * (6^5 = 7776 on a 6-rung ladder), simulates the buffer for each (download time = size / predicted
 * throughput, stall when it exceeds the buffer, + one chunk duration per chunk; no round trip, no
 * buffer cap), scores it with the session's {@link QoeModel} and fetches the first rung of the best
 * sequence. Ties go to the later sequence in lexicographic order, as Pensieve's {@code >=}.
 *
 * <p><b>Reserve MPC</b> ({@link #reserve}, the previous default) is robust MPC plus a terminal
 * cost: the 5-chunk horizon (20 s of video) cannot see a stall that a plan ending with an almost
 * empty buffer sets up for the chunks after it, so a plan pays {@code 0.25 × μ} per second its
 * simulated buffer ends below a 12 s reserve ({@link #DEFAULT_RESERVE_S}, {@link
 * #DEFAULT_RESERVE_PENALTY_SHARE}; μ is the objective's rebuffer penalty). Both constants were
 * chosen on the even-numbered half of Pensieve's test traces and checked on the odd half (see
 * {@code src-docs/abr.md}). It was the default until it was found to stall more than BOLA on the
 * held-out half.
 *
 * <p><b>Margin MPC</b> ({@link #margin}, vodkit's default rule) adds a buffer-aware safety margin to
 * reserve MPC: the robust prediction is multiplied by {@code min(1, floor + (1 − floor) × buffer /
 * fullTrustBuffer)} before the search ({@link #bufferMargin}), so the rule trusts the estimate less
 * the less buffer it has to absorb a mistake. The idea of scaling the trusted throughput with the
 * buffer level is dash.js's {@code InsufficientBufferRule} ({@code throughput × buffer/segment ×
 * 0.5}, see {@link InsufficientBufferRule}); the linear shape with a floor is vodkit's. Its
 * constants ({@link #DEFAULT_MARGIN_FLOOR} 0.5, {@link #DEFAULT_MARGIN_FULL_TRUST_BUFFER_S} 50 s,
 * {@link #DEFAULT_MARGIN_RESERVE_S} 8 s and the reserve share 0.25 μ) were picked by a grid search
 * on the even-numbered half of Pensieve's test traces only; the odd half was held out (the
 * selection rule and the held-out result are in {@code src-docs/abr.md}).
 *
 * <p>Pensieve quirks not copied: its look-ahead reads chunk sizes one index ahead, and its error
 * list is never reset between videos. One instance per session; not thread-safe.
 */
public final class MpcRule implements AbrRule {
  /** Chunks looked ahead (paper and Pensieve: 5). */
  public static final int DEFAULT_HORIZON = 5;

  /** Past decisions whose maximum error robust MPC divides by (Pensieve: 5). */
  public static final int ROBUST_ERROR_WINDOW = 5;

  /** Reserve MPC: buffer level, in seconds, a plan should end at or above. */
  public static final double DEFAULT_RESERVE_S = 12.0;

  /**
   * Reserve and margin MPC: cost per second below the reserve, as a share of the rebuffer penalty
   * μ. Chosen for reserve MPC on the even-numbered Pensieve test traces; margin MPC's grid (0.25,
   * 0.5) kept it.
   */
  public static final double DEFAULT_RESERVE_PENALTY_SHARE = 0.25;

  /**
   * Margin MPC: share of the robust prediction trusted on an empty buffer. Chosen by grid search
   * (0.4, 0.5, 0.6) on the even-numbered Pensieve test traces; see {@code src-docs/abr.md}.
   */
  public static final double DEFAULT_MARGIN_FLOOR = 0.5;

  /**
   * Margin MPC: buffer level, in seconds, from which the prediction is trusted in full. Chosen by
   * grid search (30, 40, 50, 60 s) on the even-numbered Pensieve test traces.
   */
  public static final double DEFAULT_MARGIN_FULL_TRUST_BUFFER_S = 50.0;

  /**
   * Margin MPC: its terminal reserve, in seconds (the margin already keeps the buffer fuller, so it
   * needs less than reserve MPC's 12 s). Chosen by grid search (8, 12 s) on the even-numbered
   * Pensieve test traces, with the reserve share {@link #DEFAULT_RESERVE_PENALTY_SHARE} (0.25 and
   * 0.5 tried).
   */
  public static final double DEFAULT_MARGIN_RESERVE_S = 8.0;

  private final String name;
  private final boolean robust;
  private final int horizon;
  private final QoeModel objective;
  private final double reserveS;
  private final double reservePenaltyPerS;
  private final double marginFloor;
  private final double marginFullTrustBufferS;
  private final Deque<Double> errors = new ArrayDeque<>();
  private double lastPredictionBps = Double.NaN;

  // search scratch
  private double[] utility;
  private double bestReward;
  private int bestFirst;

  /**
   * Any variant.
   *
   * @param name table name
   * @param robust divide the prediction by {@code 1 + max recent error}
   * @param horizon chunks to look ahead, 1..8
   * @param objective the QoE the plan maximises (use the one you report)
   * @param reserveS buffer level (seconds) a plan should end at or above; 0 for none
   * @param reservePenaltyShare cost per second below {@code reserveS}, as a share of μ
   */
  public MpcRule(
      String name,
      boolean robust,
      int horizon,
      QoeModel objective,
      double reserveS,
      double reservePenaltyShare) {
    this(name, robust, horizon, objective, reserveS, reservePenaltyShare, 1, 0);
  }

  /**
   * Any variant, with a buffer-aware safety margin.
   *
   * @param name table name
   * @param robust divide the prediction by {@code 1 + max recent error}
   * @param horizon chunks to look ahead, 1..8
   * @param objective the QoE the plan maximises (use the one you report)
   * @param reserveS buffer level (seconds) a plan should end at or above; 0 for none
   * @param reservePenaltyShare cost per second below {@code reserveS}, as a share of μ
   * @param marginFloor share of the prediction trusted on an empty buffer, in (0, 1]
   * @param marginFullTrustBufferS buffer (seconds) from which the prediction is trusted in full; 0
   *     for no margin
   */
  public MpcRule(
      String name,
      boolean robust,
      int horizon,
      QoeModel objective,
      double reserveS,
      double reservePenaltyShare,
      double marginFloor,
      double marginFullTrustBufferS) {
    if (horizon < 1 || horizon > 8) {
      throw new IllegalArgumentException("horizon must be in 1..8: " + horizon);
    }
    if (!(reserveS >= 0) || !(reservePenaltyShare >= 0)) {
      throw new IllegalArgumentException("reserve and its penalty must not be negative");
    }
    if (!(marginFloor > 0 && marginFloor <= 1) || !(marginFullTrustBufferS >= 0)) {
      throw new IllegalArgumentException(
          "margin floor must be in (0, 1] and its buffer not negative: "
              + marginFloor
              + ", "
              + marginFullTrustBufferS);
    }
    this.marginFloor = marginFloor;
    this.marginFullTrustBufferS = marginFullTrustBufferS;
    this.name = name;
    this.robust = robust;
    this.horizon = horizon;
    this.objective = objective;
    this.reserveS = reserveS;
    this.reservePenaltyPerS = reservePenaltyShare * objective.rebufferPenaltyPerS();
  }

  /** MPC (Yin et al.): horizon 5, the estimator's prediction as is. */
  public static MpcRule mpc(QoeModel objective) {
    return new MpcRule("mpc", false, DEFAULT_HORIZON, objective, 0, 0);
  }

  /** Robust MPC (Yin et al.): horizon 5, prediction / (1 + max error over the last 5). */
  public static MpcRule robust(QoeModel objective) {
    return new MpcRule("robust-mpc", true, DEFAULT_HORIZON, objective, 0, 0);
  }

  /**
   * Reserve MPC: robust MPC with a 12 s terminal buffer reserve costing 0.25 μ per second short.
   */
  public static MpcRule reserve(QoeModel objective) {
    return new MpcRule(
        "reserve-mpc",
        true,
        DEFAULT_HORIZON,
        objective,
        DEFAULT_RESERVE_S,
        DEFAULT_RESERVE_PENALTY_SHARE);
  }

  /**
   * Margin MPC: robust MPC whose prediction is scaled by {@link #bufferMargin} (0.5 on an empty
   * buffer, 1 from 50 s), with an 8 s terminal reserve costing 0.25 μ per second short.
   */
  public static MpcRule margin(QoeModel objective) {
    return new MpcRule(
        "margin-mpc",
        true,
        DEFAULT_HORIZON,
        objective,
        DEFAULT_MARGIN_RESERVE_S,
        DEFAULT_RESERVE_PENALTY_SHARE,
        DEFAULT_MARGIN_FLOOR,
        DEFAULT_MARGIN_FULL_TRUST_BUFFER_S);
  }

  /**
   * The share of the prediction this rule trusts at {@code bufferS}: {@code min(1, floor + (1 −
   * floor) × bufferS / fullTrustBuffer)}, or 1 when the rule has no margin.
   */
  double bufferMargin(double bufferS) {
    if (marginFullTrustBufferS == 0) {
      return 1;
    }
    return Math.min(1, marginFloor + (1 - marginFloor) * bufferS / marginFullTrustBufferS);
  }

  @Override
  public AbrDecision decide(AbrInput in) {
    OptionalDouble estimate = in.estimator().estimateBps();
    Optional<ChunkDownload> last = in.lastDownload();
    if (estimate.isEmpty() || last.isEmpty()) {
      return AbrDecision.of(Math.max(0, in.lastRung()));
    }
    double predictedBps =
        predict(estimate.getAsDouble(), last.get().throughputBps()) * bufferMargin(in.bufferS());
    return AbrDecision.of(plan(in, predictedBps));
  }

  /**
   * Records the error of the previous prediction against {@code measuredBps} and returns the
   * throughput to plan with: {@code estimateBps}, divided by {@code 1 + max error} when robust.
   */
  double predict(double estimateBps, double measuredBps) {
    double error =
        Double.isNaN(lastPredictionBps)
            ? 0
            : Math.abs(lastPredictionBps - measuredBps) / measuredBps;
    errors.addLast(error);
    while (errors.size() > ROBUST_ERROR_WINDOW) {
      errors.removeFirst();
    }
    lastPredictionBps = estimateBps;
    if (!robust) {
      return estimateBps;
    }
    double maxError = 0;
    for (double e : errors) {
      maxError = Math.max(maxError, e);
    }
    return estimateBps / (1 + maxError);
  }

  /** The first rung of the best sequence for the next chunks at {@code predictedBps}. */
  int plan(AbrInput in, double predictedBps) {
    Ladder ladder = in.ladder();
    utility = new double[ladder.rungCount()];
    for (int r = 0; r < utility.length; r++) {
      utility[r] = objective.utility(ladder, r);
    }
    bestReward = Double.NEGATIVE_INFINITY;
    bestFirst = Math.max(0, in.lastRung());
    int depth = Math.min(horizon, in.chunksLeft());
    search(in, predictedBps, depth, 0, in.bufferS(), in.lastRung(), 0, 0, -1);
    return bestFirst;
  }

  private void search(
      AbrInput in,
      double bps,
      int depth,
      int position,
      double bufferS,
      int previous,
      double gain,
      double rebufferS,
      int first) {
    if (position == depth) {
      double shortOfReserveS = Math.max(0, reserveS - bufferS);
      double reward =
          gain - objective.rebufferPenaltyPerS() * rebufferS - reservePenaltyPerS * shortOfReserveS;
      if (reward >= bestReward) {
        bestReward = reward;
        bestFirst = first;
      }
      return;
    }
    Ladder ladder = in.ladder();
    int chunk = in.chunkIndex() + position;
    for (int r = 0; r < utility.length; r++) {
      double downloadS = 8.0 * ladder.chunkBytes(chunk, r) / bps;
      double stall = Math.max(0, downloadS - bufferS);
      double nextBuffer = Math.max(0, bufferS - downloadS) + ladder.chunkDurationS();
      double switchCost = previous < 0 ? 0 : Math.abs(utility[r] - utility[previous]);
      search(
          in,
          bps,
          depth,
          position + 1,
          nextBuffer,
          r,
          gain + utility[r] - switchCost,
          rebufferS + stall,
          position == 0 ? r : first);
    }
  }

  @Override
  public String name() {
    return name;
  }
}
