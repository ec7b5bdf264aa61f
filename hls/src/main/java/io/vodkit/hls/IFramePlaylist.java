package io.vodkit.hls;

import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * The I-frame playlist of one video rendition (RFC 8216 §4.3.3.6, §4.3.4.3): one entry per
 * measured keyframe, a byte range into the rendition's own CMAF segment ({@link Segment.Keyframe}:
 * the {@code moof} through the keyframe sample), lasting until the next keyframe's presentation
 * time or, for the last one, the end of the rendition.
 *
 * @param entries the I-frames in presentation order
 */
record IFramePlaylist(List<Entry> entries) {
  /**
   * One I-frame.
   *
   * @param fileName the segment file that holds it
   * @param offset first byte in that file
   * @param length bytes
   * @param durationSeconds time until the next I-frame (the {@code EXTINF} value)
   */
  record Entry(String fileName, long offset, long length, double durationSeconds) {}

  IFramePlaylist {
    entries = List.copyOf(entries);
  }

  /** The I-frames of {@code rendition}; empty when no segment has measured keyframes. */
  static IFramePlaylist of(PackagedRendition rendition) {
    List<Segment> segments = rendition.segments();
    List<String> files = new ArrayList<>();
    List<Segment.Keyframe> keyframes = new ArrayList<>();
    List<Double> starts = new ArrayList<>();
    double segmentStart = 0;
    for (Segment s : segments) {
      for (Segment.Keyframe k : s.keyframes()) {
        files.add(s.fileName());
        keyframes.add(k);
        starts.add(segmentStart + k.timeSeconds());
      }
      segmentStart += s.durationSeconds();
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < keyframes.size(); i++) {
      double end = i + 1 < starts.size() ? starts.get(i + 1) : segmentStart;
      Segment.Keyframe k = keyframes.get(i);
      entries.add(new Entry(files.get(i), k.offset(), k.length(), Math.max(0, end - starts.get(i))));
    }
    return new IFramePlaylist(entries);
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The {@code EXTINF} durations, in order. */
  List<Double> durations() {
    return entries.stream().map(Entry::durationSeconds).toList();
  }

  /**
   * {@code BANDWIDTH}: the peak segment bit rate of the playlist, RFC 8216's definition with each
   * I-frame (its byte range over its duration) as a segment: the largest bit rate of any
   * contiguous run of I-frames whose total duration is between 0.5 and 1.5 times {@code
   * targetDurationSeconds}, a run's bit rate being its bytes × 8 over its duration. When no run
   * qualifies (a playlist shorter than half the target duration) the bit rate of the whole
   * playlist.
   */
  long peakBandwidth(long targetDurationSeconds) {
    double low = 0.5 * targetDurationSeconds;
    double high = 1.5 * targetDurationSeconds;
    double peak = -1;
    for (int i = 0; i < entries.size(); i++) {
      long bytes = 0;
      double seconds = 0;
      for (int j = i; j < entries.size(); j++) {
        bytes += entries.get(j).length();
        seconds += entries.get(j).durationSeconds();
        if (seconds > high) {
          break;
        }
        if (seconds >= low && seconds > 0) {
          peak = Math.max(peak, bytes * 8.0 / seconds);
        }
      }
    }
    return peak >= 0 ? (long) Math.ceil(peak) : averageBandwidth();
  }

  /** {@code AVERAGE-BANDWIDTH}: all I-frame bits over the playlist's duration (0 if it has none). */
  long averageBandwidth() {
    long bytes = entries.stream().mapToLong(Entry::length).sum();
    double seconds = entries.stream().mapToDouble(Entry::durationSeconds).sum();
    return seconds > 0 ? (long) Math.ceil(bytes * 8.0 / seconds) : 0;
  }
}
