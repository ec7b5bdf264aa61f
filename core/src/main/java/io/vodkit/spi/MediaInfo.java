package io.vodkit.spi;

/**
 * What probing a source found.
 *
 * @param container demuxer name ffprobe reported (e.g. {@code mov,mp4,m4a,3gp,3g2,mj2})
 * @param durationSeconds duration
 * @param width display width in pixels (after rotation and sample aspect ratio)
 * @param height display height in pixels (after rotation and sample aspect ratio)
 * @param frameRate average frames per second
 * @param videoCodec e.g. {@code h264}
 * @param hasAudio true when there is at least one audio stream
 * @param bitrateBps overall bitrate of the source, 0 if unknown
 * @param sizeBytes file size
 */
public record MediaInfo(
    String container,
    double durationSeconds,
    int width,
    int height,
    double frameRate,
    String videoCodec,
    boolean hasAudio,
    long bitrateBps,
    long sizeBytes) {

  /** The short side, which decides the ladder for landscape and portrait alike. */
  public int shortSide() {
    return Math.min(width, height);
  }
}
