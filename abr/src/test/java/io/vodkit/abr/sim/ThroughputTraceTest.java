package io.vodkit.abr.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTraceTest {
  /** Pensieve samples: line 0's value is never used; 1 s at 8 Mbps, then 2 s at 4 Mbps. */
  private static final ThroughputTrace TWO_PERIODS =
      ThroughputTrace.ofSamples("two", new double[] {0, 1, 3}, new double[] {99, 8, 4});

  @Test
  void theValueOnLineIHoldsBetweenLineIMinusOneAndLineI() {
    assertThat(TWO_PERIODS.periodCount()).isEqualTo(2);
    assertThat(TWO_PERIODS.periodBps(0)).isEqualTo(8e6);
    assertThat(TWO_PERIODS.periodDurationS(1)).isEqualTo(2.0);
    assertThat(TWO_PERIODS.meanBps()).isCloseTo((8e6 + 2 * 4e6) / 3, within(1e-6));
  }

  @Test
  void aTransferSpanningPeriodsTakesTheFractionOfTheLastOneItNeeds() {
    // at payload 0.95: 950,000 B in the first second, then 475,000 B/s
    List<double[]> stretches = new ArrayList<>();
    double t =
        TWO_PERIODS
            .cursor()
            .transfer(1_425_000, 0.95, (o, d, bps) -> stretches.add(new double[] {o, d, bps}));
    assertThat(t).isCloseTo(2.0, within(1e-12));
    assertThat(stretches).hasSize(2);
    assertThat(stretches.get(1)[0]).isCloseTo(1.0, within(1e-12));
    assertThat(stretches.get(1)[1]).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void theTraceLoopsBackToItsStartWhenItRunsOut() {
    ThroughputTrace.Cursor cursor = TWO_PERIODS.cursor();
    cursor.idle(2.5); // 0.5 s left in the 4 Mbps period
    // 0.5 s at 4 Mbps = 250,000 B, then the loop: 1 s at 8 Mbps = 1,000,000 B
    assertThat(cursor.transfer(1_250_000, 1.0, (o, d, b) -> {})).isCloseTo(1.5, within(1e-12));
    assertThat(cursor.elapsedS()).isCloseTo(4.0, within(1e-12));
  }

  @Test
  void sabreLatencyIsSharedProRataAcrossAPeriodBoundary() {
    // 1 s periods with 200 ms then 400 ms latency; start 0.9 s in: 0.1 s covers half the first
    // latency, the other half costs half of 400 ms = 0.2 s -> 0.3 s in total
    ThroughputTrace sabre =
        ThroughputTrace.ofPeriods(
            "s", new double[] {1, 1}, new double[] {1e6, 1e6}, new double[] {0.2, 0.4});
    ThroughputTrace.Cursor cursor = sabre.cursor();
    cursor.idle(0.9);
    assertThat(cursor.waitLatency()).isCloseTo(0.3, within(1e-12));
    assertThat(cursor.elapsedS()).isCloseTo(1.2, within(1e-12));
  }

  @Test
  void aTraceThatNeverCarriesAByteIsRefused() {
    assertThatThrownBy(
            () -> ThroughputTrace.ofSamples("dead", new double[] {0, 1}, new double[] {1, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never carries");
    assertThatThrownBy(
            () -> ThroughputTrace.ofSamples("back", new double[] {0, 2, 1}, new double[] {1, 1, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backwards");
  }
}
