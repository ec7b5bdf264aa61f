package io.vodkit.abr.rules;

import static io.vodkit.abr.Fixtures.PENSIEVE_CBR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.ChunkDownload;
import io.vodkit.abr.Fixtures;
import io.vodkit.abr.Fixtures.FixedEstimator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BOLA-E as in dash.js on Pensieve's ladder. By hand: u = ln(R/300) + 1 = 1, 1.916, 2.386, 2.819,
 * 3.251, 3.662; bufferTime = max(12, 10 + 2 x 6) = 22 s; gp = 2.662 / (22/10 - 1) = 2.21882; Vp =
 * 10 / gp = 4.50689 s. The buffer level above which rung q beats every lower rung
 * (minBufferLevelForQuality) is 11.754, 15.106, 17.153, 19.103, 21.010 s for q = 1..5; the highest
 * buffer worth fetching rung 0 at is Vp (u0 + gp) = 14.507 s.
 */
class BolaRuleTest {
  private final BolaRule bola = new BolaRule();
  private final FixedEstimator estimator = new FixedEstimator(20_000_000);
  private final List<ChunkDownload> history = new ArrayList<>();

  /** Loads one chunk at {@code rung} finishing at {@code finishS} and asks BOLA. */
  private AbrDecision afterChunk(int rung, double finishS, double bufferS, double nowS) {
    int chunk = history.size();
    history.add(Fixtures.download(chunk, rung, 400_000, finishS - 1.0, 1.0, bufferS));
    return bola.decide(
        Fixtures.input(PENSIEVE_CBR, chunk + 1, bufferS, estimator, rung, nowS, history));
  }

  @Test
  void parametersFollowDashJsFromTheLadder() {
    afterChunk(1, 1, 4, 1);
    assertThat(bola.gp()).isCloseTo(2.21882, within(1e-5));
    assertThat(bola.vp()).isCloseTo(4.50689, within(1e-5));
    assertThat(bola.minBufferLevelForQuality(1)).isCloseTo(11.7538, within(1e-4));
    assertThat(bola.minBufferLevelForQuality(5)).isCloseTo(21.0098, within(1e-4));
    assertThat(bola.maxBufferLevelForQuality(0)).isCloseTo(14.5069, within(1e-4));
  }

  @Test
  void theBufferLevelAloneMapsToTheRungsAtTheHandComputedThresholds() {
    afterChunk(1, 1, 4, 1);
    assertThat(bola.qualityFromBufferLevel(11.70)).isZero();
    assertThat(bola.qualityFromBufferLevel(11.80)).isEqualTo(1);
    assertThat(bola.qualityFromBufferLevel(15.05)).isEqualTo(1);
    assertThat(bola.qualityFromBufferLevel(15.15)).isEqualTo(2);
    assertThat(bola.qualityFromBufferLevel(21.05)).isEqualTo(5);
  }

  @Test
  void startupFollowsSafeThroughputAndSetsThePlaceholderSoBolaWouldAgree() {
    estimator.set(2_100_000); // safe 1.89 Mbps -> 1850 kbps, rung 3
    AbrDecision d = afterChunk(1, 2, 4, 2);
    assertThat(d.rung()).isEqualTo(3);
    assertThat(bola.placeholderS()).isCloseTo(17.1532 - 4, within(1e-3));
  }

  @Test
  void inSteadyStateBolaOnlyStepsUpAsFarAsSafeThroughputAllows() {
    estimator.set(1_400_000); // safe 1.26 Mbps -> rung 2
    afterChunk(1, 2, 4, 2); // startup: rung 2, placeholder 15.106 - 4 = 11.106; now steady
    // next chunk: buffer 8 + placeholder ~11 -> BOLA wants rung 3 or 4, BOLA-O clips to max(2, 2)
    AbrDecision d = afterChunk(2, 4, 8, 4);
    assertThat(d.rung()).isEqualTo(2);
  }

  @Test
  void timeSpentSleepingAfterADownloadGrowsThePlaceholderBuffer() {
    estimator.set(20_000_000);
    afterChunk(1, 2, 4, 2); // startup at rung 5, steady from now on
    afterChunk(5, 4, 6, 4);
    double before = bola.placeholderS();
    history.add(Fixtures.download(2, 5, 400_000, 5, 1.0, 4)); // lands at 6 s with 4 s buffered
    bola.decide(Fixtures.input(PENSIEVE_CBR, 3, 4, estimator, 5, 6 + 2.5, history)); // slept 2.5 s
    // one segment's decay, no cap (26.51 - (4 + 1) is above it), then the 2.5 s of sleep
    assertThat(bola.placeholderS()).isCloseTo(0.99 * before + 2.5, within(1e-9));
  }

  @Test
  void aLowRungOnAFullBufferAsksToPauseUntilTheBufferFallsToWhereTheRungIsWorthIt() {
    estimator.set(310_000); // safe 279 kbps -> rung 0
    afterChunk(0, 2, 4, 2); // startup at rung 0 (placeholder 0), steady from now on
    AbrDecision d = afterChunk(0, 30, 20, 30);
    // buffer 20 wants rung 4, BOLA-O clips to max(0, 0) = 0; 20 - 14.507 = 5.493 s pause
    assertThat(d.rung()).isZero();
    assertThat(d.pauseS()).isCloseTo(20 - 14.50689, within(1e-4));
  }

  @Test
  void atTheTopRungBolaNeverPauses() {
    estimator.set(20_000_000);
    afterChunk(5, 2, 4, 2);
    AbrDecision d = afterChunk(5, 30, 40, 30);
    assertThat(d.rung()).isEqualTo(5);
    assertThat(d.pauseS()).isZero();
  }

  @Test
  void aRebufferWipesThePlaceholder() {
    estimator.set(2_100_000);
    afterChunk(1, 2, 4, 2); // placeholder ~13 s
    afterChunk(3, 4, 6, 4);
    assertThat(bola.placeholderS()).isPositive();
    history.add(new ChunkDownload(2, 3, 900_000, 5, 0.08, 3.0, 1.5, 4));
    bola.decide(Fixtures.input(PENSIEVE_CBR, 3, 4, estimator, 3, 8.08, history));
    assertThat(bola.placeholderS()).isZero();
  }
}
