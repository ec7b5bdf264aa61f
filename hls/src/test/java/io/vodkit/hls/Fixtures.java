package io.vodkit.hls;

import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.PackagedRendition.Kind;
import io.vodkit.spi.PackagedVideo;
import io.vodkit.spi.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Packaged videos as a transcoder would report them. */
final class Fixtures {
  private Fixtures() {}

  static List<Segment> segments(double... durations) {
    List<Segment> out = new ArrayList<>();
    for (int i = 0; i < durations.length; i++) {
      out.add(new Segment(String.format(Locale.ROOT, "seg_%05d.m4s", i), durations[i], 100_000L * (i + 1)));
    }
    return out;
  }

  /**
   * Video segments of the given durations, each starting with a keyframe whose range is its 500-byte
   * {@code moof} plus {@code 8 + keyframeBytes[i]}; segment {@code i} is {@code 100,000 × (i + 1)}
   * bytes.
   */
  static List<Segment> keyframeSegments(double[] durations, long[] keyframeBytes) {
    List<Segment> out = new ArrayList<>();
    for (int i = 0; i < durations.length; i++) {
      out.add(new Segment(String.format(Locale.ROOT, "seg_%05d.m4s", i), durations[i], 100_000L * (i + 1),
          List.of(new Segment.Keyframe(76, 508 + keyframeBytes[i], 0))));
    }
    return out;
  }

  static PackagedRendition video(
      String name, int w, int h, double fps, String codecs, long peak, long avg, List<Segment> segs) {
    return new PackagedRendition(name, Kind.VIDEO, w, h, fps, codecs, (int) (avg / 1000), peak, avg, 0, 0, "init.mp4", segs);
  }

  static PackagedRendition audio(int channels, List<Segment> segs) {
    return new PackagedRendition(
        "audio", Kind.AUDIO, 0, 0, 0, "mp4a.40.2", 128, 131_072, 128_004, 48_000, channels, "init.mp4", segs);
  }

  /** 3 rungs at 30000/1001 fps plus stereo AAC, 19.516 s. */
  static PackagedVideo threeRungsWithAudio() {
    List<Segment> v = segments(4.004, 4.004, 4.004, 4.004, 3.5);
    return new PackagedVideo(
        "vid_abc",
        v.stream().mapToDouble(Segment::durationSeconds).sum(),
        4.0,
        List.of(
            video("360p", 640, 360, 29.97002997, "avc1.42c01e", 912_345, 801_234, v),
            video("720p", 1280, 720, 29.97002997, "avc1.4d401f", 3_123_456, 2_456_789, v),
            video("1080p", 1920, 1080, 29.97002997, "avc1.640028", 6_234_567, 5_012_345, v),
            audio(2, segments(4.010667, 3.989333, 4.010667, 3.989333, 3.52))));
  }

  /** One 25 fps rung, no audio. */
  static PackagedVideo noAudio() {
    List<Segment> v = segments(4.0, 4.0, 2.0);
    return new PackagedVideo(
        "vid_silent", 10.0, 4.0, List.of(video("480p", 854, 480, 25, "avc1.64001e", 1_500_000, 1_200_000, v)));
  }
}
