package io.vodkit.abr.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.abr.AbrInput;
import io.vodkit.abr.ChunkDownload;
import io.vodkit.abr.Fixtures;
import io.vodkit.abr.Fixtures.FixedEstimator;
import io.vodkit.abr.Ladder;
import io.vodkit.abr.PensieveQoe;
import java.util.List;
import org.junit.jupiter.api.Test;

class MpcRuleTest {
  /** Two rungs, 1 and 2 Mbps, 4 s chunks of 0.5 MB and 1 MB, 10 chunks. */
  private static final Ladder TWO =
      Ladder.constantBitrate(new long[] {1_000_000, 2_000_000}, 4.0, 10);

  private static final List<ChunkDownload> ONE_DOWNLOAD =
      List.of(Fixtures.download(0, 0, 500_000, 0, 2.0, 4));

  private static AbrInput lastChunk(double bufferS, double predictedBps) {
    return Fixtures.input(TWO, 9, bufferS, new FixedEstimator(predictedBps), 0, 2, ONE_DOWNLOAD);
  }

  @Test
  void robustPredictionDividesByOnePlusTheLargestOfTheLastFiveErrors() {
    MpcRule rule = MpcRule.robust(PensieveQoe.LINEAR);
    assertThat(rule.predict(2e6, 2e6)).isEqualTo(2e6); // first decision: error 0
    assertThat(rule.predict(3e6, 1e6)).isCloseTo(3e6 / 2, within(1e-6)); // |2-1|/1 = 1
    assertThat(rule.predict(3e6, 3e6)).isCloseTo(3e6 / 2, within(1e-6)); // max(0, 1, 0) = 1
    rule.predict(3e6, 3e6);
    rule.predict(3e6, 3e6);
    rule.predict(3e6, 3e6); // the error of 1 is now six decisions old
    assertThat(rule.predict(3e6, 2e6)).isCloseTo(3e6 / 1.5, within(1e-6)); // |3-2|/2 = 0.5
  }

  @Test
  void plainMpcTrustsTheEstimate() {
    MpcRule rule = MpcRule.mpc(PensieveQoe.LINEAR);
    rule.predict(2e6, 2e6);
    assertThat(rule.predict(3e6, 1e6)).isEqualTo(3e6);
  }

  @Test
  void onTheLastChunkATieBetweenRungsGoesToTheHigherAsInPensieve() {
    // predicted 1.5 Mbps, buffer 8 s, previous rung 1 Mbps:
    // 1 Mbps: 2.67 s, no stall, QoE 1; 2 Mbps: 5.33 s, no stall, QoE 2 - |2 - 1| = 1 -> tie
    assertThat(MpcRule.mpc(PensieveQoe.LINEAR).plan(lastChunk(8, 1.5e6), 1.5e6)).isEqualTo(1);
  }

  @Test
  void aPlanThatWouldStallLosesToOneThatWouldNot() {
    // buffer 4 s: 2 Mbps takes 5.33 s, stalls 1.33 s: 1 - 4.3 x 1.33 < 1
    assertThat(MpcRule.mpc(PensieveQoe.LINEAR).plan(lastChunk(4, 1.5e6), 1.5e6)).isZero();
  }

  @Test
  void theLookAheadAvoidsAHighChunkThatLeavesTooLittleBufferForTheChunksAfterIt() {
    // 3 chunks left, 0.9 Mbps predicted, buffer 9 s, at 2 Mbps. A 2 Mbps chunk takes 8.89 s: no
    // stall now, QoE 2. But then even 1 Mbps chunks (4.44 s each) stall 0.78 s in total:
    // [2,1,1] scores 3 - 4.3 x 0.78 = -0.35, while [1,1,1] scores 0 + 1 + 1 = 2 without a stall.
    Ladder ladder = Ladder.constantBitrate(new long[] {1_000_000, 2_000_000}, 4.0, 10);
    AbrInput in = Fixtures.input(ladder, 7, 9, new FixedEstimator(0.9e6), 1, 0, List.of());
    MpcRule greedy = new MpcRule("one-step", false, 1, PensieveQoe.LINEAR, 0, 0);
    assertThat(greedy.plan(in, 0.9e6)).isEqualTo(1);
    assertThat(MpcRule.mpc(PensieveQoe.LINEAR).plan(in, 0.9e6)).isZero();
  }

  @Test
  void theReserveMakesAPlanEndingOnAnEmptyBufferLoseToAFullerOne() {
    // one chunk left, 2.2 Mbps predicted, buffer 4 s, at 2 Mbps.
    // 2 Mbps: 3.64 s, ends at 4.36 s; 1 Mbps: 1.82 s, ends at 6.18 s -- both stall-free.
    // robust-mpc: 2 vs 1 - |1 - 2| = 0 -> 2 Mbps.
    Ladder ladder = Ladder.constantBitrate(new long[] {1_000_000, 2_000_000}, 4.0, 10);
    AbrInput in = Fixtures.input(ladder, 9, 4, new FixedEstimator(2.2e6), 1, 0, List.of());
    assertThat(MpcRule.robust(PensieveQoe.LINEAR).plan(in, 2.2e6)).isEqualTo(1);
    // reserve: 2 Mbps -> 2 - 1.075 x 7.636 = -6.209; 1 Mbps -> 1 - 1 - 1.075 x 5.818 = -6.255:
    // still 2 Mbps
    assertThat(MpcRule.reserve(PensieveQoe.LINEAR).plan(in, 2.2e6)).isEqualTo(1);
    // 3 chunks ahead: [2,2,2] scores 6 - 1.075 x (12 - 5.09) = -1.43, [1,1,1] scores
    // 0 + 1 + 1 - 1.075 x (12 - 10.55) = 0.44: the reserve tips the first choice down
    AbrInput three = Fixtures.input(ladder, 7, 4, new FixedEstimator(2.2e6), 1, 0, List.of());
    assertThat(MpcRule.robust(PensieveQoe.LINEAR).plan(three, 2.2e6)).isEqualTo(1);
    assertThat(MpcRule.reserve(PensieveQoe.LINEAR).plan(three, 2.2e6)).isZero();
  }

  @Test
  void theMarginGrowsLinearlyFromItsFloorOnAnEmptyBufferToFullTrustAt50Seconds() {
    MpcRule margin = MpcRule.margin(PensieveQoe.LINEAR);
    assertThat(margin.bufferMargin(0)).isEqualTo(0.5);
    assertThat(margin.bufferMargin(20)).isCloseTo(0.7, within(1e-12)); // 0.5 + 0.5 x 20/50
    assertThat(margin.bufferMargin(50)).isEqualTo(1.0);
    assertThat(margin.bufferMargin(60)).as("never above full trust").isEqualTo(1.0);
    assertThat(MpcRule.robust(PensieveQoe.LINEAR).bufferMargin(0)).as("no margin").isEqualTo(1.0);
  }

  @Test
  void onALowBufferTheMarginStepsDownWhereRobustAndReserveMpcStayUp() {
    // last chunk, buffer 6 s, at 2 Mbps, estimate 2.2 Mbps (first decision: robust error 0).
    // robust-mpc at 2.2 Mbps: 2 Mbps takes 3.64 s, no stall, QoE 2; 1 Mbps: 1 - |1 - 2| = 0.
    // reserve-mpc (12 s, 1.075/s): 2 Mbps ends at 6.36 s: 2 - 1.075 x 5.64 = -4.06;
    //   1 Mbps ends at 8.18 s: 0 - 1.075 x 3.82 = -4.10 -> still 2 Mbps.
    // margin-mpc trusts 0.5 + 0.5 x 6/50 = 0.56 of 2.2 = 1.232 Mbps: 2 Mbps takes 6.49 s, stalls
    //   0.49 s and ends at 4 s: 2 - 4.3 x 0.49 - 1.075 x (8 - 4) = -4.42; 1 Mbps takes 3.25 s and
    //   ends at 6.75 s: 0 - 1.075 x 1.25 = -1.34 -> 1 Mbps.
    AbrInput low = Fixtures.input(TWO, 9, 6, new FixedEstimator(2.2e6), 1, 0, ONE_DOWNLOAD);
    assertThat(MpcRule.robust(PensieveQoe.LINEAR).decide(low).rung()).isEqualTo(1);
    assertThat(MpcRule.reserve(PensieveQoe.LINEAR).decide(low).rung()).isEqualTo(1);
    assertThat(MpcRule.margin(PensieveQoe.LINEAR).decide(low).rung()).isZero();
  }

  @Test
  void onAFullBufferTheMarginTrustsThePredictionAndKeepsTheHigherRung() {
    // buffer 50 s: margin 1, 2.2 Mbps: 2 Mbps ends at 50.4 s, above the 8 s reserve: QoE 2 vs 0
    AbrInput full = Fixtures.input(TWO, 9, 50, new FixedEstimator(2.2e6), 1, 0, ONE_DOWNLOAD);
    assertThat(MpcRule.margin(PensieveQoe.LINEAR).decide(full).rung()).isEqualTo(1);
  }

  @Test
  void aMarginFloorOutsideZeroToOneIsRefused() {
    assertThatThrownBy(() -> new MpcRule("m", true, 5, PensieveQoe.LINEAR, 8, 0.25, 0, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("margin floor");
    assertThatThrownBy(() -> new MpcRule("m", true, 5, PensieveQoe.LINEAR, 8, 0.25, 1.5, 50))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MpcRule("m", true, 5, PensieveQoe.LINEAR, 8, 0.25, 0.5, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutAnyDownloadMpcKeepsTheCurrentRung() {
    AbrInput in = Fixtures.input(TWO, 0, 0, new FixedEstimator(1e6), -1, 0, List.of());
    assertThat(MpcRule.robust(PensieveQoe.LINEAR).decide(in).rung()).isZero();
  }
}
