package io.vodkit.abr;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an {@link AbrRule} may look at before choosing the next chunk.
 *
 * @param ladder the renditions and chunk sizes
 * @param chunkIndex the chunk about to be requested (0-based)
 * @param bufferS seconds of media buffered ahead of the play head right now
 * @param estimator the session's throughput estimator, already fed with every finished download
 * @param lastRung the rung of the previous chunk, or -1 before the first
 * @param nowS the session clock, in seconds (monotonic; wall clock in a player, simulated time in
 *     the simulator)
 * @param history every finished download of this session, oldest first (read-only)
 */
public record AbrInput(
    Ladder ladder,
    int chunkIndex,
    double bufferS,
    BandwidthEstimator estimator,
    int lastRung,
    double nowS,
    List<ChunkDownload> history) {

  /** Validates ranges. */
  public AbrInput {
    Objects.requireNonNull(ladder, "ladder");
    Objects.requireNonNull(estimator, "estimator");
    Objects.requireNonNull(history, "history");
    if (chunkIndex < 0 || chunkIndex >= ladder.chunkCount()) {
      throw new IllegalArgumentException("chunk index out of range: " + chunkIndex);
    }
    if (bufferS < 0 || Double.isNaN(bufferS)) {
      throw new IllegalArgumentException("buffer must not be negative: " + bufferS);
    }
    if (lastRung < -1 || lastRung > ladder.topRung()) {
      throw new IllegalArgumentException("last rung out of range: " + lastRung);
    }
  }

  /** The most recent download, if any. */
  public Optional<ChunkDownload> lastDownload() {
    return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
  }

  /** Chunks left including the one about to be requested. */
  public int chunksLeft() {
    return ladder.chunkCount() - chunkIndex;
  }
}
