package io.vodkit.abr.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;
import io.vodkit.abr.Fixtures;
import io.vodkit.abr.Ladder;
import io.vodkit.abr.PensieveQoe;
import io.vodkit.abr.estimate.LatestSampleEstimator;
import io.vodkit.abr.io.PensieveFormat;
import io.vodkit.abr.rules.Algorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatorTest {
  /** 2 rungs, 1 and 2 Mbps: 4 s chunks of 500,000 and 1,000,000 bytes. */
  private static final Ladder TWO =
      Ladder.constantBitrate(new long[] {1_000_000, 2_000_000}, 4.0, 6);

  /** A steady 8 Mbit/s link (950,000 payload bytes per second at 0.95). */
  private static final ThroughputTrace STEADY_8 =
      ThroughputTrace.ofSamples("steady", new double[] {0, 10}, new double[] {8, 8});

  private static final Ladder PENSIEVE_VIDEO =
      PensieveFormat.readPensieveVideo(Fixtures.resource("traces/video-sizes"));
  private static final ThroughputTrace BUS =
      PensieveFormat.readTrace(Fixtures.resource("traces/pensieve/norway_bus_1"));
  private static final ThroughputTrace FERRY =
      PensieveFormat.readTrace(Fixtures.resource("traces/pensieve/norway_ferry_1"));

  /** A rule that always asks for the same rung and records the buffer it was shown. */
  private static final class Constant implements AbrRule {
    final int rung;
    final List<Double> buffersSeen = new ArrayList<>();

    Constant(int rung) {
      this.rung = rung;
    }

    @Override
    public AbrDecision decide(AbrInput in) {
      buffersSeen.add(in.bufferS());
      return AbrDecision.of(rung);
    }

    @Override
    public String name() {
      return "constant";
    }
  }

  private static SessionResult play(
      SimConfig config, Ladder ladder, ThroughputTrace trace, AbrRule rule) {
    return new Simulator(config).play(ladder, trace, rule, new LatestSampleEstimator());
  }

  @Test
  void aHandWorkedSessionMatchesPensievesArithmetic() {
    // 1,000,000 B at 950,000 B/s = 1.052632 s + 80 ms RTT = 1.132632 s per chunk
    SimConfig config = new SimConfig(0.08, 0.95, 10, 0.5, 0, 1, 1, 8);
    SessionResult r = play(config, TWO, STEADY_8, new Constant(1));
    double d = 1_000_000 / 950_000.0 + 0.08;
    assertThat(r.startupDelayS()).isCloseTo(d, within(1e-12));
    assertThat(r.chunks().get(0).bufferAfterSleepS()).isCloseTo(4, within(1e-12));
    assertThat(r.chunks().get(1).bufferAfterSleepS()).isCloseTo(8 - d, within(1e-12));
    assertThat(r.chunks().get(2).bufferAfterSleepS())
        .isCloseTo(12 - 2 * d, within(1e-12)); // 9.73 <= 10
    // chunk 3 lands at 12.60 s > cap 10: sleep ceil(2.60 / 0.5) x 0.5 = 3.0 s
    assertThat(r.chunks().get(3).sleepS()).isEqualTo(3.0);
    assertThat(r.chunks().get(3).bufferAfterSleepS()).isCloseTo(16 - 3 * d - 3.0, within(1e-12));
    assertThat(r.totalStallS()).isZero();
  }

  @Test
  void theFirstChunkIsFetchedAtPensievesDefaultRungAndTheRuleIsNotAsked() {
    Constant rule = new Constant(0);
    SessionResult r = play(SimConfig.pensieve(), TWO, STEADY_8, rule);
    assertThat(r.chunks().get(0).rung()).isEqualTo(1);
    assertThat(r.chunks().subList(1, 6)).allSatisfy(c -> assertThat(c.rung()).isZero());
    assertThat(rule.buffersSeen).hasSize(5);
  }

  @Test
  void aDownloadLongerThanTheBufferStallsForTheDifferenceAndEmptiesIt() {
    // 0.5 Mbit/s link: a 2 Mbps chunk (8 Mbit) takes 16.84 s + 0.08 s; buffer 4 s -> 12.92 s stall
    ThroughputTrace slow =
        ThroughputTrace.ofSamples("slow", new double[] {0, 100}, new double[] {0.5, 0.5});
    SessionResult r = play(SimConfig.pensieve(), TWO, slow, new Constant(1));
    double d = 1_000_000 / (0.5e6 / 8 * 0.95) + 0.08;
    assertThat(r.chunks().get(1).stallS()).isCloseTo(d - 4, within(1e-9));
    assertThat(r.chunks().get(1).download().bufferAfterS()).isCloseTo(4, within(1e-12));
  }

  @Test
  void aStartupBufferDelaysPlaybackUntilItIsFilled() {
    SimConfig config = SimConfig.pensieve().withStartupBufferS(8);
    SessionResult r = play(config, TWO, STEADY_8, new Constant(1));
    double d = 1_000_000 / 950_000.0 + 0.08;
    assertThat(r.startupDelayS()).isCloseTo(2 * d, within(1e-12));
    assertThat(r.chunks().get(1).bufferAfterSleepS()).isCloseTo(8, within(1e-12));
  }

  @Test
  void aPauseDrainsTheBufferWhileTheTraceRunsAndThenTheRuleIsAskedAgain() {
    AbrRule pauser =
        new AbrRule() {
          private boolean paused;

          @Override
          public AbrDecision decide(AbrInput in) {
            if (in.chunkIndex() == 2 && !paused) {
              paused = true;
              return new AbrDecision(1, 1.5);
            }
            return AbrDecision.of(0);
          }

          @Override
          public String name() {
            return "pauser";
          }
        };
    SessionResult r = play(SimConfig.pensieve(), TWO, STEADY_8, pauser);
    ChunkRecord c2 = r.chunks().get(2);
    assertThat(c2.pauseS()).isEqualTo(1.5);
    assertThat(c2.rung()).as("the second answer counts").isZero();
    ChunkRecord c1 = r.chunks().get(1);
    assertThat(c2.download().requestS()).isCloseTo(c1.download().finishS() + 1.5, within(1e-12));
  }

  /** Sessions over real traces with very different rules, for the invariants. */
  private static List<SessionResult> realSessions() {
    List<SessionResult> sessions = new ArrayList<>();
    Simulator sim = new Simulator(SimConfig.pensieve());
    for (String name : List.of("margin-mpc", "reserve-mpc", "bola", "bba", "reference", "mpc")) {
      Algorithm a = Algorithm.named(name, PensieveQoe.LINEAR);
      for (ThroughputTrace t : List.of(BUS, FERRY)) {
        sessions.add(sim.play(PENSIEVE_VIDEO, t, a.newRule(), a.newEstimator()));
      }
    }
    return sessions;
  }

  @Test
  void everyPayloadByteIsCarriedByTheTraceAndEverySecondIsAccountedFor() {
    for (SessionResult r : realSessions()) {
      long bytes = r.chunks().stream().mapToLong(c -> c.download().bytes()).sum();
      double carried =
          r.transfers().stream().mapToDouble(SessionResult.Transfer::payloadBytes).sum();
      assertThat(carried).as(r.ruleName()).isCloseTo(bytes, within(bytes * 1e-9));
      double transferTime = r.chunks().stream().mapToDouble(c -> c.download().transferS()).sum();
      assertThat(r.transfers().stream().mapToDouble(SessionResult.Transfer::durationS).sum())
          .isCloseTo(transferTime, within(1e-6));
      double clock =
          r.chunks().stream()
              .mapToDouble(c -> c.pauseS() + c.download().downloadS() + c.sleepS())
              .sum();
      assertThat(r.endS()).isCloseTo(clock, within(1e-6));
      // wall time = start-up + stalls + what was played; what was not played is still buffered
      double videoS = r.chunks().size() * r.ladder().chunkDurationS();
      double left = r.chunks().get(r.chunks().size() - 1).bufferAfterSleepS();
      assertThat(r.endS())
          .as(r.ruleName())
          .isCloseTo(r.startupDelayS() + r.totalStallS() + videoS - left, within(1e-6));
    }
  }

  @Test
  void theBufferIsNeverNegativeAndNeverAboveTheCapWhenARuleLooksAtIt() {
    double cap = SimConfig.pensieve().bufferCapS();
    for (SessionResult r : realSessions()) {
      assertThat(r.bufferTimeline())
          .allSatisfy(p -> assertThat(p.bufferS()).isBetween(0.0, cap + 4.0));
      assertThat(r.chunks()).allSatisfy(c -> assertThat(c.bufferAfterSleepS()).isBetween(0.0, cap));
    }
    // a fast link and a greedy rule fill the buffer to the cap
    Constant rule = new Constant(0);
    ThroughputTrace fast =
        ThroughputTrace.ofSamples("fast", new double[] {0, 1}, new double[] {50, 50});
    SessionResult r = play(SimConfig.pensieve(), PENSIEVE_VIDEO, fast, rule);
    assertThat(rule.buffersSeen).allSatisfy(b -> assertThat(b).isBetween(0.0, cap));
    assertThat(rule.buffersSeen.stream().mapToDouble(Double::doubleValue).max().getAsDouble())
        .isGreaterThan(cap - 0.5);
    assertThat(r.chunks().stream().mapToDouble(ChunkRecord::sleepS).sum()).isPositive();
  }

  @Test
  void aStallHappensOnlyWhenTheBufferRunsDryAndLastsExactlyTheShortfall() {
    int stalls = 0;
    for (SessionResult r : realSessions()) {
      List<ChunkRecord> chunks = r.chunks();
      for (int k = 1; k < chunks.size(); k++) {
        double bufferAtRequest = chunks.get(k - 1).bufferAfterSleepS() - chunks.get(k).pauseS();
        double download = chunks.get(k).download().downloadS();
        double expected = Math.max(0, download - bufferAtRequest);
        assertThat(chunks.get(k).stallS()).isCloseTo(expected, within(1e-9));
        if (expected > 0) {
          stalls++;
          double dryAt = chunks.get(k).download().requestS() + bufferAtRequest;
          assertThat(r.bufferTimeline())
              .anySatisfy(
                  p -> {
                    assertThat(p.timeS()).isCloseTo(dryAt, within(1e-9));
                    assertThat(p.bufferS()).isZero();
                  });
        }
      }
    }
    assertThat(stalls).as("the traces must exercise stalls").isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"margin-mpc", "reserve-mpc", "bola", "dynamic"})
  void theSameInputsGiveTheSameSession(String name) {
    Algorithm a = Algorithm.named(name, PensieveQoe.LINEAR);
    IntFunction<SessionResult> run =
        i ->
            new Simulator(SimConfig.pensieve())
                .play(PENSIEVE_VIDEO, BUS, a.newRule(), a.newEstimator());
    SessionResult first = run.apply(0);
    SessionResult second = run.apply(1);
    assertThat(second.chunks()).isEqualTo(first.chunks());
    assertThat(second.bufferTimeline()).isEqualTo(first.bufferTimeline());
    assertThat(second.endS()).isEqualTo(first.endS());
  }

  @Test
  void aSabreTraceWaitsEachPeriodsLatencyOnTheTraceClock() {
    ThroughputTrace sabre =
        ThroughputTrace.ofPeriods("s", new double[] {100}, new double[] {8e6}, new double[] {0.15});
    SessionResult r =
        new Simulator(SimConfig.pensieve().withPayloadEfficiency(1.0))
            .play(TWO, sabre, new Constant(1), new LatestSampleEstimator());
    assertThat(r.chunks().get(0).download().latencyS()).isCloseTo(0.15, within(1e-12));
    assertThat(r.chunks().get(0).download().transferS()).isCloseTo(1.0, within(1e-12));
  }
}
