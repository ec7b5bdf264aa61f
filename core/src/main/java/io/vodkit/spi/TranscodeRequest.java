package io.vodkit.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link Transcoder} needs for one job.
 *
 * @param source local source file
 * @param media what probing found
 * @param rungs video rungs to produce, lowest first
 * @param audioBitrateKbps AAC bitrate of the audio rendition (ignored without audio)
 * @param segmentDuration target segment duration; every segment starts with a keyframe
 * @param outputDir empty directory; each rendition goes to {@code outputDir/<name>/}
 */
public record TranscodeRequest(
    Path source,
    MediaInfo media,
    List<RungSpec> rungs,
    int audioBitrateKbps,
    Duration segmentDuration,
    Path outputDir) {
  public TranscodeRequest {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(media, "media");
    rungs = List.copyOf(rungs);
    if (rungs.isEmpty()) {
      throw new IllegalArgumentException("at least one rung");
    }
    Objects.requireNonNull(segmentDuration, "segmentDuration");
    if (segmentDuration.isNegative() || segmentDuration.isZero()) {
      throw new IllegalArgumentException("segmentDuration must be positive");
    }
    if (audioBitrateKbps <= 0) {
      throw new IllegalArgumentException("audioBitrateKbps must be positive");
    }
    Objects.requireNonNull(outputDir, "outputDir");
  }
}
