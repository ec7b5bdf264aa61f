package io.vodkit.abr.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.abr.ChunkDownload;
import io.vodkit.abr.Fixtures;
import io.vodkit.abr.Ladder;
import io.vodkit.abr.PensieveQoe;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionStatsTest {
  private static ChunkRecord chunk(Ladder ladder, int index, int rung, double stallS) {
    ChunkDownload d = new ChunkDownload(index, rung, 100_000, index * 4.0, 0.08, 1, stallS, 4);
    return new ChunkRecord(d, ladder.bitrateBps(rung), 0, 0, 4);
  }

  @Test
  void pensievesScoreDropsChunkOneButKeepsTheSwitchIntoChunkTwo() {
    Ladder ladder = Fixtures.PENSIEVE_CBR.firstChunks(3);
    // rungs 1, 3, 3 (750, 1850, 1850 kbps); chunk 1 stalls 0.5 s (ignored), chunk 3 stalls 0.2 s
    SessionResult r =
        new SessionResult(
            "t",
            "r",
            "e",
            ladder,
            List.of(chunk(ladder, 0, 1, 0.5), chunk(ladder, 1, 3, 0), chunk(ladder, 2, 3, 0.2)),
            1.2,
            20,
            List.of(),
            List.of());
    SessionStats s = SessionStats.of(r, PensieveQoe.LINEAR, 1);
    // chunk 2: 1.85 - |1.85 - 0.75| = 0.75; chunk 3: 1.85 - 4.3 x 0.2 = 0.99
    assertThat(s.qoeTotal()).isCloseTo(1.74, within(1e-12));
    assertThat(s.qoePerChunk()).isCloseTo(0.87, within(1e-12));
    assertThat(s.meanBitrateMbps()).isCloseTo(1.85, within(1e-12));
    assertThat(s.stallS()).isCloseTo(0.2, within(1e-12));
    assertThat(s.switches()).isEqualTo(1);
    assertThat(s.rebufferRatio()).isCloseTo(0.2 / 12.2, within(1e-12));
    assertThat(s.startupDelayS()).isEqualTo(1.2);
  }

  @Test
  void aSummaryWeighsEveryTraceTheSame() {
    SessionStats a = new SessionStats("a", 47, 1.0, 1.0, 0, 0, 2, 1);
    SessionStats b = new SessionStats("b", 0, 0.0, 3.0, 2, 0.01, 4, 3);
    RuleSummary s = RuleSummary.of("x", List.of(a, b));
    assertThat(s.meanQoePerChunk()).isEqualTo(0.5);
    assertThat(s.meanBitrateMbps()).isEqualTo(2.0);
    assertThat(s.meanStallS()).isEqualTo(1.0);
    assertThat(s.meanSwitches()).isEqualTo(3.0);
    assertThat(s.meanStartupDelayS()).isEqualTo(2.0);
  }
}
