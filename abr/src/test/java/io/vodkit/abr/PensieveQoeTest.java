package io.vodkit.abr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PensieveQoeTest {
  private static final Ladder LADDER = Fixtures.PENSIEVE_CBR;

  @Test
  void linearQoeIsMbpsMinusFourPointThreeTimesStallMinusTheSwitch() {
    // 2850 kbps after 1200 kbps with 0.5 s stall: 2.85 - 4.3 * 0.5 - 1.65 = -0.95
    assertThat(PensieveQoe.LINEAR.chunkQoe(LADDER, 4, 2, 0.5)).isCloseTo(-0.95, within(1e-12));
  }

  @Test
  void theFirstChunkHasNoSwitchTermWhenItIsItsOwnPrevious() {
    assertThat(PensieveQoe.LINEAR.chunkQoe(LADDER, 1, 1, 0)).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void logQoeUsesLnOfBitrateOverTheLowestAndAPenaltyOf266() {
    double q4 = Math.log(2850.0 / 300);
    double q2 = Math.log(1200.0 / 300);
    assertThat(PensieveQoe.LOG.chunkQoe(LADDER, 4, 2, 1.0))
        .isCloseTo(q4 - 2.66 - (q4 - q2), within(1e-12));
    assertThat(PensieveQoe.LOG.utility(LADDER, 0)).isZero();
  }

  @Test
  void hdQoeMapsTheSixRungsTo1_2_3_12_15_20WithAPenaltyOf8() {
    assertThat(PensieveQoe.HD.chunkQoe(LADDER, 3, 2, 0.25))
        .isCloseTo(12 - 8 * 0.25 - 9, within(1e-12));
    assertThat(PensieveQoe.HD.utility(LADDER, 5)).isEqualTo(20);
  }

  @Test
  void hdQoeRefusesALadderThatIsNotSixRungs() {
    assertThat(PensieveQoe.HD.supports(Fixtures.SPEC_LADDER)).isFalse();
    assertThatThrownBy(() -> PensieveQoe.HD.utility(Fixtures.SPEC_LADDER, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("6-rung");
  }

  @Test
  void namesParseInAnyCase() {
    assertThat(PensieveQoe.parse("Log")).isEqualTo(PensieveQoe.LOG);
    assertThat(PensieveQoe.HD.label()).isEqualTo("hd");
  }
}
