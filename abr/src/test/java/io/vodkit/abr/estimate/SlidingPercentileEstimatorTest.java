package io.vodkit.abr.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SlidingPercentileEstimatorTest {
  @Test
  void theMedianIsWeightedBySquareRootOfBytes() {
    SlidingPercentileEstimator e = new SlidingPercentileEstimator();
    e.addSample(1_000_000, 0, 4.0); // 2 Mbps, weight 1000
    e.addSample(250_000, 0, 0.5); // 4 Mbps, weight 500
    e.addSample(40_000, 0, 0.06); // 5.33 Mbps, weight 200
    // sorted 2 (1000), 4 (500), 5.33 (200): half of 1700 is 850, reached by the 2 Mbps sample;
    // with equal weights the median would be 4 Mbps.
    assertThat(e.estimateBps().getAsDouble()).isCloseTo(2e6, within(1e-6));
  }

  @Test
  void oldWeightIsTrimmedSoNewSamplesTakeOver() {
    SlidingPercentileEstimator e = new SlidingPercentileEstimator();
    e.addSample(1_000_000, 0, 4.0); // 2 Mbps, weight 1000
    e.addSample(1_000_000, 0, 1.0); // 8 Mbps, weight 1000
    e.addSample(1_000_000, 0, 1.0); // 8 Mbps, weight 1000 -> the 2 Mbps sample is trimmed away
    assertThat(e.estimateBps().getAsDouble()).isCloseTo(8e6, within(1e-6));
  }

  @Test
  void noEstimateUntilTwoSecondsOr512KiBHaveBeenSampled() {
    SlidingPercentileEstimator e = new SlidingPercentileEstimator();
    e.addSample(100_000, 0.1, 0.5);
    assertThat(e.estimateBps()).isEmpty();
    e.addSample(100_000, 0.1, 1.4); // total 2.1 s
    assertThat(e.estimateBps()).isPresent();
    SlidingPercentileEstimator big = new SlidingPercentileEstimator();
    big.addSample(524_288, 0.1, 0.2);
    assertThat(big.estimateBps()).isPresent();
  }
}
