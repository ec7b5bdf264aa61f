package io.vodkit.abr.sim;

import io.vodkit.abr.Ladder;
import java.util.List;

/**
 * Everything one simulated playback produced. Immutable.
 *
 * @param traceName the trace played
 * @param ruleName the rule that chose
 * @param estimatorName the estimator that fed it
 * @param ladder the video
 * @param chunks one record per chunk, in order
 * @param startupDelayS time from the first request to the start of playback
 * @param endS session clock when the last chunk landed (and any sleep after it ended)
 * @param bufferTimeline buffer level over time: a piecewise-linear curve through these points
 * @param transfers the stretches of trace that carried payload, on the session clock
 */
public record SessionResult(
    String traceName,
    String ruleName,
    String estimatorName,
    Ladder ladder,
    List<ChunkRecord> chunks,
    double startupDelayS,
    double endS,
    List<BufferPoint> bufferTimeline,
    List<Transfer> transfers) {

  /** Copies the lists. */
  public SessionResult {
    chunks = List.copyOf(chunks);
    bufferTimeline = List.copyOf(bufferTimeline);
    transfers = List.copyOf(transfers);
  }

  /**
   * A point of the buffer curve: {@code bufferS} seconds buffered at session time {@code timeS}.
   */
  public record BufferPoint(double timeS, double bufferS) {}

  /**
   * A stretch of constant trace bandwidth that carried payload.
   *
   * @param startS session time it began
   * @param durationS its length
   * @param bps the trace's bandwidth (before payload efficiency)
   * @param payloadBytes bytes of payload it carried
   */
  public record Transfer(double startS, double durationS, double bps, double payloadBytes) {}

  /** Total stall after start-up, over all chunks, in seconds. */
  public double totalStallS() {
    return chunks.stream().mapToDouble(ChunkRecord::stallS).sum();
  }
}
