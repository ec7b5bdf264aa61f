package io.vodkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CompletionModelTest {
  private static final long MB = 1_000_000;

  @Test
  void beforeAnyJobItIsThePrior() {
    CompletionModel model = new CompletionModel();

    assertThat(model.estimateSeconds(0)).isCloseTo(30, within(1e-9));
    assertThat(model.estimateSeconds(100 * MB)).isCloseTo(80, within(1e-9));
    assertThat(model.estimateSeconds(1_000 * MB)).isCloseTo(530, within(1e-9));
  }

  @Test
  void learnsOverheadAndCostPerMbFromJobsOfDifferentSizes() {
    CompletionModel model = new CompletionModel();
    for (int i = 0; i < 40; i++) {
      long mb = 1 + (i * 7) % 50;
      model.record(mb * MB, 5 + 0.2 * mb);
    }

    assertThat(model.estimateSeconds(0)).isCloseTo(5, within(0.1));
    assertThat(model.estimateSeconds(20 * MB)).isCloseTo(9, within(0.1));
    assertThat(model.estimateSeconds(200 * MB)).isCloseTo(45, within(1.0));
  }

  @Test
  void theFirstJobsAlreadyMoveTheEstimate() {
    CompletionModel model = new CompletionModel();
    double prior = model.estimateSeconds(2 * MB);

    model.record(2 * MB, 3);
    double afterOne = model.estimateSeconds(2 * MB);
    model.record(2 * MB, 3);
    model.record(2 * MB, 3);
    double afterThree = model.estimateSeconds(2 * MB);

    assertThat(afterOne).isLessThan(prior);
    assertThat(afterThree).isLessThan(afterOne);
  }

  @Test
  void jobsOfOneSizeTeachTheLevelAndKeepThePriorSlope() {
    CompletionModel model = new CompletionModel();
    for (int i = 0; i < 100; i++) {
      model.record(10 * MB, 12);
    }

    assertThat(model.estimateSeconds(10 * MB)).isCloseTo(12, within(0.01));
    assertThat(model.estimateSeconds(20 * MB)).isCloseTo(12 + 10 * CompletionModel.PRIOR_SECONDS_PER_MB, within(0.01));
  }

  @Test
  void followsAMachineThatGetsSlower() {
    CompletionModel model = new CompletionModel();
    for (int i = 0; i < 30; i++) {
      model.record(10 * MB, 10);
    }
    for (int i = 0; i < 20; i++) {
      model.record(10 * MB, 40);
    }

    assertThat(model.estimateSeconds(10 * MB)).isCloseTo(40, within(0.5));
  }

  @Test
  void neverPredictsNegativeCostsOrLessThanTheMinimum() {
    CompletionModel bigIsFaster = new CompletionModel();
    for (int i = 0; i < 50; i++) {
      long mb = 1 + i % 10;
      bigIsFaster.record(mb * MB, 20 - mb);
    }
    CompletionModel instant = new CompletionModel();
    for (int i = 0; i < 50; i++) {
      instant.record((1 + i % 10) * MB, 0.01);
    }

    assertThat(bigIsFaster.estimateSeconds(1_000 * MB)).as("no negative slope").isCloseTo(
        bigIsFaster.estimateSeconds(1 * MB), within(1e-6));
    assertThat(bigIsFaster.estimateSeconds(1_000 * MB)).isBetween(10.0, 20.0);
    assertThat(instant.estimateSeconds(0)).isEqualTo(CompletionModel.MIN_SECONDS);
  }

  @Test
  void rejectsNonsense() {
    CompletionModel model = new CompletionModel();

    assertThatThrownBy(() -> model.record(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> model.record(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> model.record(1, -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
