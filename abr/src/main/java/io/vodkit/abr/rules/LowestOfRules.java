package io.vodkit.abr.rules;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;
import java.util.List;

/**
 * Asks every rule and takes the lowest rung and the longest pause, as dash.js's {@code
 * ABRRulesCollection.getMinSwitchRequest} combines its rules. Every rule is asked on every call
 * (stateful rules keep their state current). One instance per session.
 */
public final class LowestOfRules implements AbrRule {
  private final String name;
  private final List<AbrRule> rules;

  /**
   * A combination.
   *
   * @param name table name
   * @param rules at least one rule, each a fresh per-session instance
   */
  public LowestOfRules(String name, List<AbrRule> rules) {
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("at least one rule is needed");
    }
    this.name = name;
    this.rules = List.copyOf(rules);
  }

  @Override
  public AbrDecision decide(AbrInput in) {
    int rung = Integer.MAX_VALUE;
    double pauseS = 0;
    for (AbrRule rule : rules) {
      AbrDecision d = rule.decide(in);
      rung = Math.min(rung, d.rung());
      pauseS = Math.max(pauseS, d.pauseS());
    }
    return new AbrDecision(in.ladder().clamp(rung), pauseS);
  }

  @Override
  public String name() {
    return name;
  }
}
