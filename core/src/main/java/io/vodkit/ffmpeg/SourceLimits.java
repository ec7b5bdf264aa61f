package io.vodkit.ffmpeg;

import java.time.Duration;

/**
 * The largest source {@link FfmpegTranscoder} accepts; anything bigger is rejected at probe time.
 *
 * @param maxWidth display width in pixels
 * @param maxHeight display height in pixels
 * @param maxPixels display width × height
 * @param maxDuration duration
 */
record SourceLimits(int maxWidth, int maxHeight, long maxPixels, Duration maxDuration) {
  /** 8192 × 8192, 8192 × 4320 pixels, 12 hours. */
  static final SourceLimits DEFAULT = new SourceLimits(8192, 8192, 8192L * 4320, Duration.ofHours(12));

  SourceLimits {
    if (maxWidth < 2 || maxHeight < 2 || maxPixels < 4) {
      throw new IllegalArgumentException("limits must allow at least a 2x2 picture");
    }
    if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("maxDuration must be positive");
    }
  }
}
