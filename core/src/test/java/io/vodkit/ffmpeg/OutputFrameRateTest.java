package io.vodkit.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputFrameRateTest {

  @Test
  void snapsToCommonRates() {
    assertThat(OutputFrameRate.forSource(30).toString()).isEqualTo("30");
    assertThat(OutputFrameRate.forSource(29.97).toString()).isEqualTo("30000/1001");
    assertThat(OutputFrameRate.forSource(29.87).toString()).isEqualTo("30000/1001"); // VFR phone average
    assertThat(OutputFrameRate.forSource(23.976).toString()).isEqualTo("24000/1001");
    assertThat(OutputFrameRate.forSource(25.0).toString()).isEqualTo("25");
    assertThat(OutputFrameRate.forSource(12.5).toString()).isEqualTo("25/2");
    assertThat(OutputFrameRate.forSource(59.94).toString()).isEqualTo("60000/1001");
  }

  @Test
  void capsAtSixtyByHalving() {
    assertThat(OutputFrameRate.forSource(120).toString()).isEqualTo("60");
    assertThat(OutputFrameRate.forSource(100).toString()).isEqualTo("50");
    assertThat(OutputFrameRate.forSource(119.88).toString()).isEqualTo("60000/1001");
    assertThat(OutputFrameRate.forSource(240).toString()).isEqualTo("60");
  }

  @Test
  void roundsOddRatesAndDefaultsUnknown() {
    assertThat(OutputFrameRate.forSource(17.3).toString()).isEqualTo("17");
    assertThat(OutputFrameRate.forSource(0.5).toString()).isEqualTo("1");
    assertThat(OutputFrameRate.forSource(0).toString()).isEqualTo("30");
    assertThat(OutputFrameRate.forSource(Double.NaN).toString()).isEqualTo("30");
  }
}
