package io.vodkit.abr.rules;

import io.vodkit.abr.AbrRule;
import io.vodkit.abr.BandwidthEstimator;
import io.vodkit.abr.QoeModel;
import io.vodkit.abr.estimate.Estimators;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A named pairing of a rule and the estimator that feeds it, able to make fresh instances for each
 * playback session. Immutable and thread-safe (the factories are).
 *
 * <p>Names: {@code reference} (+ latest), {@code throughput} (dash.js, + ewma-dashjs), {@code bba}
 * (BBA-0, estimator unused), {@code bola} (BOLA-E + insufficient-buffer, + ewma-dashjs), {@code
 * dynamic} (dash.js DYNAMIC, + ewma-dashjs), {@code mpc}, {@code robust-mpc}, {@code reserve-mpc}
 * and {@code margin-mpc} (+ harmonic; {@code margin-mpc} is the default). {@code name@estimator} swaps the estimator, e.g.
 * {@code reference@ewma}.
 *
 * <pre>{@code
 * Algorithm algo = Algorithm.named("bola", PensieveQoe.LINEAR);
 * AbrRule rule = algo.newRule();                 // one per session
 * BandwidthEstimator meter = algo.newEstimator(); // one per session
 * }</pre>
 *
 * @param label the name as given (with any {@code @estimator})
 * @param rules makes a rule per session
 * @param estimators makes an estimator per session
 */
public record Algorithm(
    String label, Supplier<AbrRule> rules, Supplier<BandwidthEstimator> estimators) {
  /** Every base name {@link #named} accepts, default first. */
  public static final List<String> NAMES =
      List.of(
          "margin-mpc",
          "reference",
          "throughput",
          "bba",
          "bola",
          "dynamic",
          "mpc",
          "robust-mpc",
          "reserve-mpc");

  /** The default algorithm's name. */
  public static final String DEFAULT = "margin-mpc";

  /** Checks for nulls. */
  public Algorithm {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(estimators, "estimators");
  }

  /** The default: margin MPC with the harmonic-mean estimator. */
  public static Algorithm defaultFor(QoeModel objective) {
    return named(DEFAULT, objective);
  }

  /**
   * An algorithm by name, optionally {@code name@estimator}.
   *
   * @param spec e.g. {@code bola} or {@code reference@ewma}
   * @param objective the QoE that MPC variants maximise
   * @throws IllegalArgumentException for an unknown rule or estimator
   */
  public static Algorithm named(String spec, QoeModel objective) {
    String trimmed = spec.trim();
    int at = trimmed.indexOf('@');
    String rule = at < 0 ? trimmed : trimmed.substring(0, at);
    String estimatorOverride = at < 0 ? null : trimmed.substring(at + 1);
    Supplier<AbrRule> rules;
    String estimator;
    switch (rule) {
      case "reference":
        rules = ReferenceThroughputRule::new;
        estimator = "latest";
        break;
      case "throughput":
        rules = ThroughputRule::new;
        estimator = "ewma-dashjs";
        break;
      case "bba":
        rules = BufferBasedRule::new;
        estimator = "latest";
        break;
      case "bola":
        rules =
            () -> new LowestOfRules("bola", List.of(new BolaRule(), new InsufficientBufferRule()));
        estimator = "ewma-dashjs";
        break;
      case "dynamic":
        rules = DynamicRule::new;
        estimator = "ewma-dashjs";
        break;
      case "mpc":
        rules = () -> MpcRule.mpc(objective);
        estimator = "harmonic";
        break;
      case "robust-mpc":
        rules = () -> MpcRule.robust(objective);
        estimator = "harmonic";
        break;
      case "reserve-mpc":
        rules = () -> MpcRule.reserve(objective);
        estimator = "harmonic";
        break;
      case "margin-mpc":
        rules = () -> MpcRule.margin(objective);
        estimator = "harmonic";
        break;
      default:
        throw new IllegalArgumentException("unknown rule '" + rule + "'; known: " + NAMES);
    }
    return new Algorithm(
        trimmed,
        rules,
        Estimators.factory(estimatorOverride == null ? estimator : estimatorOverride));
  }

  /** A fresh rule for one session. */
  public AbrRule newRule() {
    return rules.get();
  }

  /** A fresh estimator for one session. */
  public BandwidthEstimator newEstimator() {
    return estimators.get();
  }
}
