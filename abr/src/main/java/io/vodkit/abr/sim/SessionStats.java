package io.vodkit.abr.sim;

import io.vodkit.abr.Ladder;
import io.vodkit.abr.QoeModel;
import java.util.List;

/**
 * The numbers one session is judged by, over the scored chunks ({@link SimConfig#scoredFromChunk()}
 * on; Pensieve drops chunk 0, whose download is start-up).
 *
 * @param traceName the trace
 * @param qoeTotal sum of per-chunk QoE over the scored chunks (Pensieve's per-trace score)
 * @param qoePerChunk {@code qoeTotal} / scored chunks
 * @param meanBitrateMbps mean nominal bitrate of the scored chunks, Mbit/s
 * @param stallS stall over the scored chunks, seconds (start-up excluded)
 * @param rebufferRatio {@code stallS / (stallS + video duration)}
 * @param switches rung changes between consecutive chunks (including into the first scored chunk)
 * @param startupDelayS start-up delay, seconds
 */
public record SessionStats(
    String traceName,
    double qoeTotal,
    double qoePerChunk,
    double meanBitrateMbps,
    double stallS,
    double rebufferRatio,
    int switches,
    double startupDelayS) {

  /**
   * Scores a session.
   *
   * @param result the session
   * @param qoe the QoE metric
   * @param scoredFromChunk first chunk index that counts
   */
  public static SessionStats of(SessionResult result, QoeModel qoe, int scoredFromChunk) {
    List<ChunkRecord> chunks = result.chunks();
    Ladder ladder = result.ladder();
    int from = Math.min(scoredFromChunk, chunks.size() - 1);
    double qoeTotal = 0;
    double bitrateSum = 0;
    double stall = 0;
    int switches = 0;
    for (int k = from; k < chunks.size(); k++) {
      ChunkRecord c = chunks.get(k);
      int previous = k == 0 ? c.rung() : chunks.get(k - 1).rung();
      qoeTotal += qoe.chunkQoe(ladder, c.rung(), previous, c.stallS());
      bitrateSum += c.bitrateBps() / 1e6;
      stall += c.stallS();
      if (previous != c.rung()) {
        switches++;
      }
    }
    int scored = chunks.size() - from;
    double videoS = chunks.size() * ladder.chunkDurationS();
    return new SessionStats(
        result.traceName(),
        qoeTotal,
        qoeTotal / scored,
        bitrateSum / scored,
        stall,
        stall / (stall + videoS),
        switches,
        result.startupDelayS());
  }
}
