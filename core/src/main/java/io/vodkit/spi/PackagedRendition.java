package io.vodkit.spi;

import java.util.List;
import java.util.Objects;

/**
 * One rendition as produced on disk: CMAF init segment plus media segments, with what the
 * manifest writers need, all measured from the produced files.
 *
 * @param name folder and rendition name, e.g. {@code 720p} or {@code audio}
 * @param kind video or audio
 * @param width pixels (0 for audio)
 * @param height pixels (0 for audio)
 * @param frameRate frames per second (0 for audio)
 * @param codecs RFC 6381 codecs string from the bitstream, e.g. {@code avc1.64001f} or {@code
 *     mp4a.40.2}
 * @param targetBitrateKbps the rung's configured bitrate
 * @param bandwidthBps peak segment bitrate (HLS BANDWIDTH)
 * @param averageBandwidthBps mean bitrate over all segments (HLS AVERAGE-BANDWIDTH)
 * @param audioSampleRate Hz (0 for video)
 * @param audioChannels channel count (0 for video)
 * @param initSegment file name of the init segment, {@code init.mp4}
 * @param segments media segments in order
 */
public record PackagedRendition(
    String name,
    Kind kind,
    int width,
    int height,
    double frameRate,
    String codecs,
    int targetBitrateKbps,
    long bandwidthBps,
    long averageBandwidthBps,
    int audioSampleRate,
    int audioChannels,
    String initSegment,
    List<Segment> segments) {
  /** Track type. */
  public enum Kind {
    VIDEO,
    AUDIO
  }

  public PackagedRendition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(codecs, "codecs");
    Objects.requireNonNull(initSegment, "initSegment");
    segments = List.copyOf(segments);
  }

  /** Sum of segment durations. */
  public double durationSeconds() {
    return segments.stream().mapToDouble(Segment::durationSeconds).sum();
  }

  /** Longest segment. */
  public double maxSegmentDurationSeconds() {
    return segments.stream().mapToDouble(Segment::durationSeconds).max().orElse(0);
  }
}
