package io.vodkit.abr;

/**
 * One finished chunk download as the player saw it: what was fetched, when, how long it took and
 * what it did to the buffer. Times are seconds on the session clock.
 *
 * @param chunkIndex the chunk (0-based)
 * @param rung the rung it was fetched at
 * @param bytes payload bytes
 * @param requestS when the request was sent
 * @param latencyS request to first byte
 * @param transferS first byte to last byte
 * @param stallS playback stall caused while waiting for it (0 during start-up)
 * @param bufferAfterS buffer level right after the chunk was appended
 */
public record ChunkDownload(
    int chunkIndex,
    int rung,
    long bytes,
    double requestS,
    double latencyS,
    double transferS,
    double stallS,
    double bufferAfterS) {

  /** Validates ranges. */
  public ChunkDownload {
    if (chunkIndex < 0 || rung < 0 || bytes <= 0) {
      throw new IllegalArgumentException("chunk, rung and bytes must be non-negative / positive");
    }
    if (latencyS < 0 || transferS < 0 || stallS < 0 || bufferAfterS < 0) {
      throw new IllegalArgumentException("times must not be negative");
    }
  }

  /** Request to last byte, in seconds. */
  public double downloadS() {
    return latencyS + transferS;
  }

  /** When the last byte arrived, on the session clock. */
  public double finishS() {
    return requestS + downloadS();
  }

  /** Measured throughput {@code 8 × bytes / downloadS()}, in bits per second. */
  public double throughputBps() {
    return 8.0 * bytes / Math.max(downloadS(), Double.MIN_NORMAL);
  }
}
