package io.vodkit.abr.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HarmonicMeanEstimatorTest {
  private static void addMbps(HarmonicMeanEstimator e, double mbps) {
    e.addSample((long) (mbps * 1e6 / 8), 0, 1.0); // one second at mbps
  }

  @Test
  void oneTwoAndFourMbpsGiveTwelveSevenths() {
    HarmonicMeanEstimator e = new HarmonicMeanEstimator();
    addMbps(e, 1);
    addMbps(e, 2);
    addMbps(e, 4);
    assertThat(e.estimateBps().getAsDouble()).isCloseTo(12e6 / 7, within(1e-3));
  }

  @Test
  void onlyTheLastFiveSamplesCount() {
    HarmonicMeanEstimator e = new HarmonicMeanEstimator();
    addMbps(e, 0.2); // falls out of the window
    for (int i = 0; i < 5; i++) {
      addMbps(e, 3);
    }
    assertThat(e.estimateBps().getAsDouble()).isCloseTo(3e6, within(1e-3));
  }

  @Test
  void aSingleSpikeMovesTheHarmonicMeanLessThanTheArithmeticMean() {
    HarmonicMeanEstimator e = new HarmonicMeanEstimator();
    for (int i = 0; i < 4; i++) {
      addMbps(e, 1);
    }
    addMbps(e, 20);
    assertThat(e.estimateBps().getAsDouble()).isCloseTo(5e6 / 4.05, within(1e-3)).isLessThan(4.8e6);
  }

  @Test
  void thereIsNoEstimateBeforeTheFirstSample() {
    assertThat(new HarmonicMeanEstimator().estimateBps()).isEmpty();
  }
}
