package io.vodkit.abr.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EwmaEstimatorTest {
  @Test
  void aSingleSampleIsEstimatedExactlyThanksToTheZeroFactor() {
    EwmaEstimator ewma = EwmaEstimator.dashJs();
    ewma.addSample(1_000_000, 0.08, 1.92); // 8 Mbit in 2 s
    assertThat(ewma.estimateBps().getAsDouble()).isCloseTo(4_000_000, within(1e-6));
  }

  @Test
  void afterADropTheFastAverageWinsSoTheEstimateFallsQuickly() {
    // dash.js half-lives 3 s / 8 s; 10 s at 8 Mbps then 2 s at 1 Mbps.
    // fast: a=0.5^(10/3): 7.2063; a=0.5^(2/3): 4.90973; / (1 - 0.5^(12/3)) = 5.23704 Mbps
    // slow: a=0.5^(10/8): 4.63642; a=0.5^(2/8): 4.05785; / (1 - 0.5^(12/8)) = 6.27716 Mbps
    EwmaEstimator ewma = EwmaEstimator.dashJs();
    ewma.addSample(10_000_000, 0, 10.0);
    ewma.addSample(250_000, 0, 2.0);
    assertThat(ewma.estimateBps().getAsDouble()).isCloseTo(5_237_039, within(2.0));
  }

  @Test
  void afterARiseTheSlowAverageHoldsTheEstimateBack() {
    // 2 s at 1 Mbps then 2 s at 8 Mbps: fast (3 s) says 5.2946 Mbps, slow (8 s) 4.8025 Mbps
    EwmaEstimator ewma = EwmaEstimator.dashJs();
    ewma.addSample(250_000, 0, 2.0);
    ewma.addSample(2_000_000, 0, 2.0);
    assertThat(ewma.estimateBps().getAsDouble()).isCloseTo(4_802_495, within(2.0));
  }

  @Test
  void shakaGivesNoEstimateBefore128kBAndIgnoresSamplesUnder16kB() {
    EwmaEstimator ewma = EwmaEstimator.shaka();
    ewma.addSample(100_000, 0.05, 0.5);
    assertThat(ewma.estimateBps()).isEmpty();
    ewma.addSample(15_000, 0.05, 0.001); // tiny: ignored, would have been 120 Mbps
    assertThat(ewma.estimateBps()).isEmpty();
    ewma.addSample(100_000, 0.05, 0.5);
    assertThat(ewma.estimateBps().getAsDouble()).isCloseTo(800_000 / 0.55, within(1.0));
  }

  @Test
  void cachedSamplesAreForgottenWhenTheFirstRealOneArrives() {
    EwmaEstimator ewma = EwmaEstimator.dashJs();
    ewma.addSample(1_000_000, 0.001, 0.010); // cache hit: ~727 Mbps
    assertThat(ewma.estimateBps().getAsDouble()).isGreaterThan(1e8);
    ewma.addSample(500_000, 0.1, 1.9); // 2 Mbps, real
    assertThat(ewma.estimateBps().getAsDouble()).isCloseTo(2_000_000, within(1e-6));
  }
}
