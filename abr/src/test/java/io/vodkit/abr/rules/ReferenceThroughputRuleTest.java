package io.vodkit.abr.rules;

import static io.vodkit.abr.Fixtures.SPEC_LADDER;
import static io.vodkit.abr.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.abr.AbrInput;
import io.vodkit.abr.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceThroughputRuleTest {
  private static final int P360 = 0;
  private static final int P720 = 1;
  private static final int P1080 = 2;
  private static final int P4K = 3;
  private final ReferenceThroughputRule rule = new ReferenceThroughputRule();

  @Test
  void measured3Point4MbpsIsSafe2Point72AndPicks2500Kbps() {
    assertThat(rule.decide(input(SPEC_LADDER, 5, 12, 3_400_000, P360)).rung()).isEqualTo(P720);
  }

  @Test
  void aBufferOf3SecondsAt1080pStepsDownTo720pEvenOnAFastLink() {
    assertThat(rule.decide(input(SPEC_LADDER, 5, 3.0, 100_000_000, P1080)).rung()).isEqualTo(P720);
  }

  @Test
  void theStepDownIsOneTierEvenWhenThroughputWouldAllowLess() {
    assertThat(rule.decide(input(SPEC_LADDER, 5, 3.9, 100_000, P4K)).rung()).isEqualTo(P1080);
    assertThat(rule.decide(input(SPEC_LADDER, 5, 0.0, 100_000, P360)).rung()).isEqualTo(P360);
  }

  @Test
  void aBufferOfExactly4SecondsIsNotBelowTheThreshold() {
    assertThat(rule.decide(input(SPEC_LADDER, 5, 4.0, 30_000_000, P720)).rung()).isEqualTo(P4K);
  }

  @Test
  void aRungExactlyAtTheSafeThroughputIsTaken() {
    // 3.125 Mbps x 0.8 = 2.5 Mbps: "at or below"
    assertThat(rule.decide(input(SPEC_LADDER, 5, 10, 3_125_000, P360)).rung()).isEqualTo(P720);
    assertThat(rule.decide(input(SPEC_LADDER, 5, 10, 3_124_999, P360)).rung()).isEqualTo(P360);
  }

  @Test
  void aLinkSlowerThanEveryRungGetsTheLowest() {
    assertThat(rule.decide(input(SPEC_LADDER, 5, 10, 200_000, P1080)).rung()).isEqualTo(P360);
  }

  @Test
  void withoutAMeasurementTheRuleKeepsTheCurrentRung() {
    AbrInput first =
        Fixtures.input(SPEC_LADDER, 0, 0, Fixtures.FixedEstimator.empty(), -1, 0, List.of());
    assertThat(rule.decide(first).rung()).isEqualTo(P360);
    AbrInput later =
        Fixtures.input(SPEC_LADDER, 3, 8, Fixtures.FixedEstimator.empty(), P1080, 0, List.of());
    assertThat(rule.decide(later).rung()).isEqualTo(P1080);
  }
}
