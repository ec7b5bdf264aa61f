package io.vodkit.abr.estimate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.abr.estimate.SampleGate.Verdict;
import org.junit.jupiter.api.Test;

class SampleGateTest {
  @Test
  void aResponseUnder16kBIsIgnoredAndOneOf16kBIsKept() {
    SampleGate gate = new SampleGate();
    assertThat(gate.admit(15_999, 0.08, 0.5)).isEqualTo(Verdict.IGNORE);
    assertThat(gate.admit(16_000, 0.08, 0.5)).isEqualTo(Verdict.ACCEPT);
  }

  @Test
  void cachedResponsesCountOnlyUntilTheFirstRealOneWhichWipesThem() {
    SampleGate gate = new SampleGate();
    assertThat(gate.admit(500_000, 0.001, 0.010)).isEqualTo(Verdict.ACCEPT);
    assertThat(gate.admit(500_000, 0.001, 0.049)).isEqualTo(Verdict.ACCEPT);
    assertThat(gate.admit(500_000, 0.08, 0.050)).isEqualTo(Verdict.RESET_THEN_ACCEPT);
    assertThat(gate.admit(500_000, 0.001, 0.010)).isEqualTo(Verdict.IGNORE);
    assertThat(gate.admit(500_000, 0.08, 1.0)).isEqualTo(Verdict.ACCEPT);
  }

  @Test
  void aZeroLengthOrNegativeTimingIsIgnored() {
    SampleGate gate = new SampleGate();
    assertThat(gate.admit(500_000, 0, 0)).isEqualTo(Verdict.IGNORE);
    assertThat(gate.admit(500_000, -1, 2)).isEqualTo(Verdict.IGNORE);
  }
}
