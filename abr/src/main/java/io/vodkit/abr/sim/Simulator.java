package io.vodkit.abr.sim;

import io.vodkit.abr.AbrDecision;
import io.vodkit.abr.AbrInput;
import io.vodkit.abr.AbrRule;
import io.vodkit.abr.BandwidthEstimator;
import io.vodkit.abr.ChunkDownload;
import io.vodkit.abr.Ladder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Plays one video over one throughput trace with one rule, deterministically.
 *
 * <p>Per chunk, following Pensieve's {@code fixed_env.py}:
 *
 * <ol>
 *   <li>The rule chooses a rung (chunk 0 uses {@link SimConfig#firstRung()} unless it is -1). If it
 *       asks for a pause, the player waits (the trace runs, the buffer drains) and asks again.
 *   <li>The request waits one round trip: {@link SimConfig#rttS()} without advancing the trace
 *       (Pensieve), or, on a trace with latencies, the period's latency with the trace running
 *       (Sabre).
 *   <li>The payload arrives at the trace's bandwidth × {@link SimConfig#payloadEfficiency()},
 *       fractions of periods included; the trace loops at its end.
 *   <li>While playing, the buffer drains by the download time; a download longer than the buffer
 *       stalls for the difference. Before playback starts, download time is start-up delay.
 *   <li>The chunk adds its duration to the buffer. Above {@link SimConfig#bufferCapS()} the player
 *       sleeps the excess rounded up to {@link SimConfig#sleepQuantumS()} (trace running), so the
 *       buffer a rule sees never exceeds the cap; just after a chunk lands it can, by less than one
 *       chunk, exactly as in Pensieve.
 * </ol>
 *
 * <p>Every finished download is fed to the estimator before the next decision. A simulator is
 * immutable and thread-safe; rule and estimator instances must not be shared between concurrent
 * sessions.
 */
public final class Simulator {
  private final SimConfig config;

  /** A simulator with the given behaviour. */
  public Simulator(SimConfig config) {
    this.config = config;
  }

  /** The configuration. */
  public SimConfig config() {
    return config;
  }

  /**
   * Plays {@code ladder} over {@code trace}.
   *
   * @param ladder the video
   * @param trace the network
   * @param rule a fresh rule instance for this session
   * @param estimator a fresh estimator instance for this session
   */
  public SessionResult play(
      Ladder ladder, ThroughputTrace trace, AbrRule rule, BandwidthEstimator estimator) {
    return new Session(ladder, trace, rule, estimator).run();
  }

  private final class Session {
    private final Ladder ladder;
    private final ThroughputTrace trace;
    private final ThroughputTrace.Cursor cursor;
    private final AbrRule rule;
    private final BandwidthEstimator estimator;
    private final List<ChunkDownload> history = new ArrayList<>();
    private final List<ChunkDownload> historyView = Collections.unmodifiableList(history);
    private final List<ChunkRecord> records = new ArrayList<>();
    private final List<SessionResult.BufferPoint> timeline = new ArrayList<>();
    private final List<SessionResult.Transfer> transfers = new ArrayList<>();
    private double nowS;
    private double bufferS;
    private boolean playing;
    private double startupS;

    Session(Ladder ladder, ThroughputTrace trace, AbrRule rule, BandwidthEstimator estimator) {
      this.ladder = ladder;
      this.trace = trace;
      this.cursor = trace.cursor();
      this.rule = rule;
      this.estimator = estimator;
    }

    SessionResult run() {
      timeline.add(new SessionResult.BufferPoint(0, 0));
      int lastRung = -1;
      for (int chunk = 0; chunk < ladder.chunkCount(); chunk++) {
        double pausedS = 0;
        int rung;
        if (chunk == 0 && config.firstRung() >= 0) {
          rung = ladder.clamp(config.firstRung());
        } else {
          AbrDecision decision = ask(chunk, lastRung);
          for (int pauses = 0;
              decision.pauseS() > 0 && playing && pauses < config.maxPausesPerChunk();
              pauses++) {
            double pause = Math.min(decision.pauseS(), bufferS);
            idle(pause);
            pausedS += pause;
            decision = ask(chunk, lastRung);
          }
          rung = ladder.clamp(decision.rung());
        }
        ChunkDownload download = fetch(chunk, rung);
        double sleepS = sleepIfOverCap();
        records.add(new ChunkRecord(download, ladder.bitrateBps(rung), pausedS, sleepS, bufferS));
        history.add(download);
        estimator.addSample(download.bytes(), download.latencyS(), download.transferS());
        lastRung = rung;
      }
      return new SessionResult(
          trace.name(),
          rule.name(),
          estimator.name(),
          ladder,
          records,
          startupS,
          nowS,
          timeline,
          transfers);
    }

    private AbrDecision ask(int chunk, int lastRung) {
      return rule.decide(
          new AbrInput(ladder, chunk, bufferS, estimator, lastRung, nowS, historyView));
    }

    private ChunkDownload fetch(int chunk, int rung) {
      long bytes = ladder.chunkBytes(chunk, rung);
      double requestS = nowS;
      double latencyS = trace.hasLatency() ? cursor.waitLatency() : config.rttS();
      double transferS =
          cursor.transfer(
              bytes,
              config.payloadEfficiency(),
              (offsetS, durationS, bps) ->
                  transfers.add(
                      new SessionResult.Transfer(
                          requestS + latencyS + offsetS,
                          durationS,
                          bps,
                          bps / 8.0 * config.payloadEfficiency() * durationS)));
      double downloadS = latencyS + transferS;
      double stallS = 0;
      if (playing) {
        stallS = Math.max(0, downloadS - bufferS);
        if (stallS > 0) {
          timeline.add(new SessionResult.BufferPoint(nowS + bufferS, 0));
        }
        bufferS = Math.max(0, bufferS - downloadS);
      } else {
        startupS += downloadS;
      }
      nowS += downloadS;
      timeline.add(new SessionResult.BufferPoint(nowS, bufferS));
      bufferS += ladder.chunkDurationS();
      timeline.add(new SessionResult.BufferPoint(nowS, bufferS));
      if (!playing && bufferS >= config.startupBufferS()) {
        playing = true;
      }
      return new ChunkDownload(chunk, rung, bytes, requestS, latencyS, transferS, stallS, bufferS);
    }

    private double sleepIfOverCap() {
      if (bufferS <= config.bufferCapS()) {
        return 0;
      }
      double quantum = config.sleepQuantumS();
      double sleepS = Math.ceil((bufferS - config.bufferCapS()) / quantum) * quantum;
      idle(sleepS);
      return sleepS;
    }

    /** Time passes with nothing in flight: the trace runs, the buffer drains while playing. */
    private void idle(double seconds) {
      if (seconds <= 0) {
        return;
      }
      cursor.idle(seconds);
      nowS += seconds;
      if (playing) {
        bufferS = Math.max(0, bufferS - seconds);
      } else {
        startupS += seconds;
      }
      timeline.add(new SessionResult.BufferPoint(nowS, bufferS));
    }
  }
}
