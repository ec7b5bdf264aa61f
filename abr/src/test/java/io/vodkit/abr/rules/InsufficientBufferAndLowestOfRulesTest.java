package io.vodkit.abr.rules;

import static io.vodkit.abr.Fixtures.PENSIEVE_CBR;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;
import io.vodkit.abr.ChunkDownload;
import io.vodkit.abr.Fixtures;
import io.vodkit.abr.Fixtures.FixedEstimator;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsufficientBufferAndLowestOfRulesTest {
  private static final List<ChunkDownload> TWO_LOADED =
      List.of(Fixtures.download(0, 1, 400_000, 0, 1, 4), Fixtures.download(1, 1, 400_000, 1, 1, 7));

  private static AbrInput in(double bufferS, double estimateBps, List<ChunkDownload> history) {
    return Fixtures.input(
        PENSIEVE_CBR, history.size(), bufferS, new FixedEstimator(estimateBps), 1, 2, history);
  }

  @Test
  void theCeilingIsThroughputTimesBufferInSegmentsTimesAHalf() {
    // 2 Mbps x (6 s / 4 s) x 0.5 = 1.5 Mbps -> 1200 kbps
    assertThat(new InsufficientBufferRule().decide(in(6, 2_000_000, TWO_LOADED)).rung())
        .isEqualTo(2);
  }

  @Test
  void anEmptyBufferDemandsTheLowestRung() {
    assertThat(new InsufficientBufferRule().decide(in(0, 50_000_000, TWO_LOADED)).rung()).isZero();
  }

  @Test
  void theFirstTwoSegmentsAreLeftAlone() {
    assertThat(new InsufficientBufferRule().decide(in(0, 100_000, TWO_LOADED.subList(0, 1))).rung())
        .isEqualTo(5);
  }

  @Test
  void theCombinationTakesTheLowestRungAndTheLongestPause() {
    AbrRule high = fixed(5, 0);
    AbrRule low = fixed(2, 3.5);
    AbrDecision d = new LowestOfRules("both", List.of(high, low)).decide(in(10, 1e6, TWO_LOADED));
    assertThat(d.rung()).isEqualTo(2);
    assertThat(d.pauseS()).isEqualTo(3.5);
  }

  private static AbrRule fixed(int rung, double pauseS) {
    return new AbrRule() {
      @Override
      public AbrDecision decide(AbrInput input) {
        return new AbrDecision(rung, pauseS);
      }

      @Override
      public String name() {
        return "fixed";
      }
    };
  }
}
