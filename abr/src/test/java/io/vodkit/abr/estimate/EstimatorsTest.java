package io.vodkit.abr.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EstimatorsTest {
  @Test
  void everyListedNameMakesAFreshEstimatorOfThatName() {
    for (String name : Estimators.NAMES) {
      assertThat(Estimators.named(name).name()).isEqualTo(name);
      assertThat(Estimators.named(name)).isNotSameAs(Estimators.named(name));
    }
  }

  @Test
  void anUnknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Estimators.named("kalman"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("harmonic");
  }

  @Test
  void theLatestSampleEstimatorReportsOnlyTheLastDownloadIncludingItsRoundTrip() {
    LatestSampleEstimator e = new LatestSampleEstimator();
    assertThat(e.estimateBps()).isEmpty();
    e.addSample(500_000, 0.08, 0.92); // 4 Mbit in 1 s
    e.addSample(425_000, 0.08, 0.92); // 3.4 Mbit in 1 s
    assertThat(e.estimateBps().getAsDouble()).isCloseTo(3_400_000, within(1e-6));
  }
}
