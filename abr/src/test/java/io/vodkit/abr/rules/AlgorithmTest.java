package io.vodkit.abr.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.abr.PensieveQoe;
import org.junit.jupiter.api.Test;

class AlgorithmTest {
  @Test
  void everyNamedAlgorithmMakesFreshRulesAndEstimators() {
    for (String name : Algorithm.NAMES) {
      Algorithm a = Algorithm.named(name, PensieveQoe.LINEAR);
      assertThat(a.newRule()).isNotSameAs(a.newRule());
      assertThat(a.newEstimator()).isNotSameAs(a.newEstimator());
      assertThat(a.newRule().name()).isEqualTo(name);
    }
  }

  @Test
  void eachRuleComesWithTheEstimatorItsSourceUses() {
    assertThat(Algorithm.named("reference", PensieveQoe.LINEAR).newEstimator().name())
        .isEqualTo("latest");
    assertThat(Algorithm.named("bola", PensieveQoe.LINEAR).newEstimator().name())
        .isEqualTo("ewma-dashjs");
    assertThat(Algorithm.named("robust-mpc", PensieveQoe.LINEAR).newEstimator().name())
        .isEqualTo("harmonic");
    assertThat(Algorithm.defaultFor(PensieveQoe.LINEAR).label()).isEqualTo("margin-mpc");
    assertThat(Algorithm.defaultFor(PensieveQoe.LINEAR).newEstimator().name())
        .isEqualTo("harmonic");
  }

  @Test
  void anAtSignSwapsTheEstimator() {
    Algorithm a = Algorithm.named("reference@percentile", PensieveQoe.LINEAR);
    assertThat(a.newEstimator().name()).isEqualTo("percentile");
    assertThat(a.newRule().name()).isEqualTo("reference");
    assertThat(a.label()).isEqualTo("reference@percentile");
  }

  @Test
  void unknownRulesAndEstimatorsAreRefusedWithTheKnownNames() {
    assertThatThrownBy(() -> Algorithm.named("pensieve", PensieveQoe.LINEAR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("robust-mpc");
    assertThatThrownBy(() -> Algorithm.named("bola@magic", PensieveQoe.LINEAR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ewma");
  }
}
