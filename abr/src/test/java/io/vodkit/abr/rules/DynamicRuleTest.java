package io.vodkit.abr.rules;

import static io.vodkit.abr.Fixtures.PENSIEVE_CBR;
import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.abr.ChunkDownload;
import io.vodkit.abr.Fixtures;
import io.vodkit.abr.Fixtures.FixedEstimator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicRuleTest {
  private final DynamicRule rule = new DynamicRule();
  private final List<ChunkDownload> history = new ArrayList<>();
  private final FixedEstimator estimator = new FixedEstimator(2_000_000);

  private int step(double bufferS) {
    int chunk = history.size();
    history.add(Fixtures.download(chunk, 2, 600_000, chunk * 4.0, 2.0, bufferS));
    return rule.decide(
            Fixtures.input(
                PENSIEVE_CBR, chunk + 1, bufferS, estimator, 2, chunk * 4.0 + 2, history))
        .rung();
  }

  @Test
  void bolaTakesOverAbove12SecondsAndHandsBackAt6SecondsOrBelow() {
    step(8);
    assertThat(rule.usingBola()).isFalse();
    step(12.0);
    assertThat(rule.usingBola()).as("12 s is not above 12 s").isFalse();
    step(12.5);
    assertThat(rule.usingBola()).isTrue();
    step(7);
    assertThat(rule.usingBola()).as("hysteresis keeps BOLA above 6 s").isTrue();
    step(6.0);
    assertThat(rule.usingBola()).isFalse();
  }

  @Test
  void inThroughputModeTheRungIsTheDashJsThroughputRule() {
    // 2 Mbps x 0.9 = 1.8 Mbps -> 1200 kbps; the insufficient-buffer ceiling 2 x 8/4 x 0.5 = 2 Mbps
    // allows it
    step(8);
    assertThat(step(8)).isEqualTo(2);
  }
}
