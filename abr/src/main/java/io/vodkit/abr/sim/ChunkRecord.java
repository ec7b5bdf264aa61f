package io.vodkit.abr.sim;

import io.vodkit.abr.ChunkDownload;

/**
 * One simulated chunk: the download as the rule saw it plus what the player did around it.
 *
 * @param download the download (times on the session clock)
 * @param bitrateBps nominal bitrate of its rung
 * @param pauseS time the rule paused before requesting it
 * @param sleepS time the player slept after it because the buffer was over the cap
 * @param bufferAfterSleepS buffer level after the sleep (what the next decision sees)
 */
public record ChunkRecord(
    ChunkDownload download,
    long bitrateBps,
    double pauseS,
    double sleepS,
    double bufferAfterSleepS) {

  /** The chunk's rung. */
  public int rung() {
    return download.rung();
  }

  /** Stall caused by this chunk, in seconds. */
  public double stallS() {
    return download.stallS();
  }
}
