package io.vodkit.abr.rules;

import static io.vodkit.abr.Fixtures.PENSIEVE_CBR;
import static io.vodkit.abr.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** BBA-0 (Huang et al. 2014, Algorithm 1) with reservoir 5 s and cushion 10 s on 300..4300 kbps. */
class BufferBasedRuleTest {
  private final BufferBasedRule rule = new BufferBasedRule();

  private int decide(double bufferS, int previous) {
    return rule.decide(input(PENSIEVE_CBR, 10, bufferS, 1e9, previous)).rung();
  }

  @Test
  void inTheReservoirTheLowestRateIsFetchedWhateverTheThroughput() {
    assertThat(decide(5.0, 5)).isZero();
    assertThat(decide(0.5, 3)).isZero();
  }

  @Test
  void pastReservoirPlusCushionTheHighestRateIsFetched() {
    assertThat(decide(15.0, 0)).isEqualTo(5);
  }

  @Test
  void whenTheRateMapPassesTheNextRateUpTheRuleJumpsToTheHighestRateBelowTheMap() {
    // f(10) = 300 + 4000 * 5/10 = 2300 kbps; from 1200 (Rate+ = 1850): max{R < 2300} = 1850
    assertThat(decide(10.0, 2)).isEqualTo(3);
    // from 300 (Rate+ = 750): also 1850, several steps at once
    assertThat(decide(10.0, 0)).isEqualTo(3);
  }

  @Test
  void betweenTheNeighbouringRatesTheRuleHoldsItsRate() {
    // f(10) = 2300 lies between Rate- = 1200 and Rate+ = 2850 around 1850
    assertThat(decide(10.0, 3)).isEqualTo(3);
  }

  @Test
  void whenTheRateMapFallsToTheNextRateDownTheRuleDropsToTheLowestRateAboveTheMap() {
    // f(7) = 300 + 4000 * 2/10 = 1100 kbps; from 1850 (Rate- = 1200): min{R > 1100} = 1200
    assertThat(decide(7.0, 3)).isEqualTo(2);
  }

  @Test
  void thePaperPresetNeedsFarMoreBuffer() {
    BufferBasedRule paper =
        new BufferBasedRule(BufferBasedRule.PAPER_RESERVOIR_S, BufferBasedRule.PAPER_CUSHION_S);
    assertThat(paper.decide(input(PENSIEVE_CBR, 10, 60, 1e9, 5)).rung()).isZero();
  }
}
