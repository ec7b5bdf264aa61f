package io.vodkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;
import io.vodkit.abr.BandwidthEstimator;
import io.vodkit.abr.ChunkDownload;
import io.vodkit.abr.Ladder;
import io.vodkit.abr.PensieveQoe;
import io.vodkit.abr.rules.Algorithm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * src-docs/abr.md's player loop, driven by a toy player: a steady 3 Mbit/s link, 4 s chunks, no
 * round trip. The loop is the documented one; the toy supplies bufferS(), nowS() and fetch().
 */
class AbrSnippetsTest {
  private static final double LINK_BPS = 3_000_000;

  private final Ladder ladder =
      Ladder.constantBitrate(new long[] {400_000, 1_200_000, 2_500_000, 5_000_000}, 4.0, 20);
  private double bufferS;
  private double nowS;
  private int lastRung = -1;

  @Test
  void thePlayerLoopSettlesOnTheHighestRungTheLinkCarries() {
    List<Integer> rungs = new ArrayList<>();
    // snippet:abr-player-loop
    Algorithm algo = Algorithm.defaultFor(PensieveQoe.LINEAR);    // margin-mpc + harmonic mean
    AbrRule rule = algo.newRule();
    BandwidthEstimator meter = algo.newEstimator();
    List<ChunkDownload> history = new ArrayList<>();
    for (int chunk = 0; chunk < ladder.chunkCount(); chunk++) {
      AbrDecision d = rule.decide(new AbrInput(ladder, chunk, bufferS(), meter, lastRung, nowS(), history));
      // wait d.pauseS() if > 0 (only BOLA asks for a pause) and ask again; then fetch d.rung()
      ChunkDownload done = fetch(chunk, d.rung());
      meter.addSample(done.bytes(), done.latencyS(), done.transferS());
      history.add(done);
    }
    // end:abr-player-loop
    history.forEach(c -> rungs.add(c.rung()));

    assertThat(rungs).hasSize(20);
    assertThat(history.stream().mapToDouble(ChunkDownload::stallS).sum()).isZero();
    // 2.5 Mbit/s is the highest rung below the 3 Mbit/s link; near the end of the video a full
    // buffer may afford a higher one
    assertThat(rungs.subList(5, 16)).containsOnly(2);
  }

  private double bufferS() {
    return bufferS;
  }

  private double nowS() {
    return nowS;
  }

  /** Downloads one chunk over the toy link: time passes, the buffer drains and refills. */
  private ChunkDownload fetch(int chunk, int rung) {
    long bytes = ladder.chunkBytes(chunk, rung);
    double transferS = bytes * 8 / LINK_BPS;
    double stallS = chunk == 0 ? 0 : Math.max(0, transferS - bufferS); // the first is start-up
    bufferS = Math.max(0, bufferS - transferS) + ladder.chunkDurationS();
    nowS += transferS;
    lastRung = rung;
    return new ChunkDownload(chunk, rung, bytes, nowS - transferS, 0, transferS, stallS, bufferS);
  }
}
