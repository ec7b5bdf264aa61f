package io.vodkit.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * All renditions of one video as produced, the input to every {@link ManifestWriter}.
 *
 * @param videoId the video
 * @param durationSeconds presentation duration
 * @param segmentDurationSeconds configured target segment duration
 * @param renditions video renditions (lowest first) and at most one audio rendition
 */
public record PackagedVideo(
    String videoId,
    double durationSeconds,
    double segmentDurationSeconds,
    List<PackagedRendition> renditions) {
  public PackagedVideo {
    Objects.requireNonNull(videoId, "videoId");
    renditions = List.copyOf(renditions);
  }

  /** The video renditions, in ladder order. */
  public List<PackagedRendition> video() {
    return renditions.stream().filter(r -> r.kind() == PackagedRendition.Kind.VIDEO).toList();
  }

  /** The audio rendition, if the source has audio. */
  public Optional<PackagedRendition> audio() {
    return renditions.stream().filter(r -> r.kind() == PackagedRendition.Kind.AUDIO).findFirst();
  }
}
