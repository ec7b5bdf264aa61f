package io.vodkit.abr;

import java.util.Arrays;

/**
 * The renditions a player can choose from: one bitrate per rung (lowest first) and the size of
 * every chunk at every rung, all chunks lasting {@link #chunkDurationS()}.
 *
 * <p>Bitrates are the nominal (manifest {@code BANDWIDTH}) values in bits per second; sizes are in
 * bytes. Immutable and thread-safe.
 *
 * <pre>{@code
 * Ladder ladder = Ladder.constantBitrate(new long[] {400_000, 2_500_000, 5_000_000}, 4.0, 48);
 * int rung = ladder.highestRungAtOrBelow(3_000_000); // 1
 * }</pre>
 */
public final class Ladder {
  private final long[] bitratesBps;
  private final double chunkDurationS;
  private final long[][] chunkBytes; // [chunk][rung]

  private Ladder(long[] bitratesBps, double chunkDurationS, long[][] chunkBytes) {
    this.bitratesBps = bitratesBps;
    this.chunkDurationS = chunkDurationS;
    this.chunkBytes = chunkBytes;
  }

  /**
   * A ladder with measured chunk sizes.
   *
   * @param bitratesBps strictly increasing, positive nominal bitrates, lowest rung first
   * @param chunkDurationS the playback duration of every chunk, in seconds
   * @param chunkBytes {@code chunkBytes[chunk][rung]}, every size positive
   * @throws IllegalArgumentException if any of the above does not hold
   */
  public static Ladder of(long[] bitratesBps, double chunkDurationS, long[][] chunkBytes) {
    if (bitratesBps.length == 0) {
      throw new IllegalArgumentException("a ladder needs at least one rung");
    }
    for (int r = 0; r < bitratesBps.length; r++) {
      if (bitratesBps[r] <= 0 || (r > 0 && bitratesBps[r] <= bitratesBps[r - 1])) {
        throw new IllegalArgumentException(
            "bitrates must be positive and strictly increasing: " + Arrays.toString(bitratesBps));
      }
    }
    if (!(chunkDurationS > 0) || Double.isInfinite(chunkDurationS)) {
      throw new IllegalArgumentException("chunk duration must be positive: " + chunkDurationS);
    }
    if (chunkBytes.length == 0) {
      throw new IllegalArgumentException("a ladder needs at least one chunk");
    }
    long[][] copy = new long[chunkBytes.length][];
    for (int c = 0; c < chunkBytes.length; c++) {
      if (chunkBytes[c].length != bitratesBps.length) {
        throw new IllegalArgumentException(
            "chunk "
                + c
                + " has "
                + chunkBytes[c].length
                + " sizes for "
                + bitratesBps.length
                + " rungs");
      }
      for (long size : chunkBytes[c]) {
        if (size <= 0) {
          throw new IllegalArgumentException("chunk " + c + " has a non-positive size " + size);
        }
      }
      copy[c] = chunkBytes[c].clone();
    }
    return new Ladder(bitratesBps.clone(), chunkDurationS, copy);
  }

  /** A ladder whose chunks are exactly {@code bitrate × duration / 8} bytes (rounded). */
  public static Ladder constantBitrate(long[] bitratesBps, double chunkDurationS, int chunkCount) {
    if (chunkCount <= 0) {
      throw new IllegalArgumentException("chunk count must be positive: " + chunkCount);
    }
    long[][] sizes = new long[chunkCount][bitratesBps.length];
    for (long[] row : sizes) {
      for (int r = 0; r < bitratesBps.length; r++) {
        row[r] = Math.max(1, Math.round(bitratesBps[r] * chunkDurationS / 8.0));
      }
    }
    return of(bitratesBps, chunkDurationS, sizes);
  }

  /** The same rungs with only the first {@code chunkCount} chunks. */
  public Ladder firstChunks(int chunkCount) {
    if (chunkCount <= 0 || chunkCount > chunkBytes.length) {
      throw new IllegalArgumentException(
          "chunk count must be in 1.." + chunkBytes.length + ": " + chunkCount);
    }
    return new Ladder(bitratesBps, chunkDurationS, Arrays.copyOf(chunkBytes, chunkCount));
  }

  /** Number of rungs. */
  public int rungCount() {
    return bitratesBps.length;
  }

  /** Index of the highest rung. */
  public int topRung() {
    return bitratesBps.length - 1;
  }

  /** Number of chunks in the video. */
  public int chunkCount() {
    return chunkBytes.length;
  }

  /** Playback duration of one chunk, in seconds. */
  public double chunkDurationS() {
    return chunkDurationS;
  }

  /** Nominal bitrate of {@code rung}, in bits per second. */
  public long bitrateBps(int rung) {
    return bitratesBps[rung];
  }

  /** Size of chunk {@code chunk} at {@code rung}, in bytes. */
  public long chunkBytes(int chunk, int rung) {
    return chunkBytes[chunk][rung];
  }

  /** A copy of the nominal bitrates, lowest first, in bits per second. */
  public long[] bitratesBps() {
    return bitratesBps.clone();
  }

  /**
   * The highest rung whose nominal bitrate is at or below {@code bps}, or rung 0 when even the
   * lowest is above it (a player always has to fetch something).
   */
  public int highestRungAtOrBelow(double bps) {
    int chosen = 0;
    for (int r = 0; r < bitratesBps.length; r++) {
      if (bitratesBps[r] <= bps) {
        chosen = r;
      }
    }
    return chosen;
  }

  /** Clamps {@code rung} into {@code 0..topRung()}. */
  public int clamp(int rung) {
    return Math.max(0, Math.min(topRung(), rung));
  }

  @Override
  public String toString() {
    return "Ladder"
        + Arrays.toString(bitratesBps)
        + " bps, "
        + chunkBytes.length
        + " chunks of "
        + chunkDurationS
        + " s";
  }
}
