package io.vodkit.ffmpeg;

import java.time.Duration;

/**
 * The largest source {@link FfmpegTranscoder} accepts; anything bigger is rejected at probe time.
 * The pixel limits are also handed to ffmpeg itself ({@code -max_pixels}), so a decoder refuses
 * to allocate a frame larger than the limits before any rule of ours runs.
 *
 * @param maxWidth display width in pixels
 * @param maxHeight display height in pixels
 * @param maxPixels display width × height
 * @param maxDuration duration
 * @param maxSizeBytes file size
 */
record SourceLimits(int maxWidth, int maxHeight, long maxPixels, Duration maxDuration, long maxSizeBytes) {
  /** 8192 × 8192, 8192 × 4320 pixels, 12 hours, 64 GiB. */
  static final SourceLimits DEFAULT =
      new SourceLimits(8192, 8192, 8192L * 4320, Duration.ofHours(12), 64L << 30);

  SourceLimits {
    if (maxWidth < 2 || maxHeight < 2 || maxPixels < 4) {
      throw new IllegalArgumentException("limits must allow at least a 2x2 picture");
    }
    if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("maxDuration must be positive");
    }
    if (maxSizeBytes < 1) {
      throw new IllegalArgumentException("maxSizeBytes must be positive");
    }
  }

  /**
   * The value for ffmpeg's {@code -max_pixels} (coded width × height a decoder may allocate): the
   * bounding box, which leaves room for coded sizes above the display size (padding to 16 lines,
   * sample aspect ratios below 1) while keeping a 16000×16000 picture out.
   */
  long decoderMaxPixels() {
    return Math.min(Integer.MAX_VALUE, Math.max(maxPixels, (long) maxWidth * maxHeight));
  }
}
