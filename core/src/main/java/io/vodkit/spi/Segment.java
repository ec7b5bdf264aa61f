package io.vodkit.spi;

import java.util.List;
import java.util.Objects;

/**
 * One media segment as produced.
 *
 * @param fileName e.g. {@code seg_00000.m4s}
 * @param durationSeconds measured duration
 * @param sizeBytes file size
 * @param keyframes the byte ranges a player fetches to show this segment's I-frames alone (HLS
 *     I-frame playlists), in file order; empty for audio and when not measured
 */
public record Segment(String fileName, double durationSeconds, long sizeBytes, List<Keyframe> keyframes) {
  /** Checks the values and copies the keyframes. */
  public Segment {
    Objects.requireNonNull(fileName, "fileName");
    keyframes = List.copyOf(keyframes);
    for (Keyframe k : keyframes) {
      if (k.offset() + k.length() > sizeBytes) {
        throw new IllegalArgumentException(
            "keyframe " + k + " ends past the end of " + fileName + " (" + sizeBytes + " bytes)");
      }
    }
  }

  /** A segment without keyframe ranges (audio, or not measured). */
  public Segment(String fileName, double durationSeconds, long sizeBytes) {
    this(fileName, durationSeconds, sizeBytes, List.of());
  }

  /**
   * One keyframe of a CMAF segment as an independently fetchable byte range: from the first byte
   * of the movie fragment ({@code moof}) that carries it through the last byte of the keyframe's
   * sample in the {@code mdat} (Apple's HLS authoring spec: fMP4 I-frame segments include their
   * {@code moof}).
   *
   * @param offset first byte, from the start of the segment file (where the {@code moof} starts)
   * @param length bytes: the {@code moof}, the {@code mdat} header and the keyframe sample
   * @param timeSeconds presentation time of the keyframe from the start of the segment (0 for a
   *     segment that starts with its keyframe)
   */
  public record Keyframe(long offset, long length, double timeSeconds) {
    /** Checks the values. */
    public Keyframe {
      if (offset < 0 || length <= 0) {
        throw new IllegalArgumentException("bad keyframe range " + length + "@" + offset);
      }
      if (!(timeSeconds >= 0) || Double.isInfinite(timeSeconds)) {
        throw new IllegalArgumentException("bad keyframe time " + timeSeconds);
      }
    }
  }
}
