package io.vodkit.ffmpeg;

import io.vodkit.MediaRejectedException;
import io.vodkit.spi.MediaInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.bramp.ffmpeg.probe.FFmpegFormat;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;
import net.bramp.ffmpeg.probe.FFmpegStream;
import net.bramp.ffmpeg.shared.CodecType;
import org.apache.commons.lang3.math.Fraction;

/**
 * What a source must be to be accepted, applied to ffprobe's header report; pure, so every rule
 * is testable without a file. In order: an allowed container; a video stream that is not cover
 * art; a picture size ffmpeg could read; within the size limits; a decodable picture (pixel
 * format known); more than a still image; a finite duration within the limit.
 */
final class ProbeRules {
  /** Still-image codecs: a stream of these with at most one frame is a picture, not a video. */
  private static final Set<String> IMAGE_CODECS =
      Set.of(
          "png", "apng", "mjpeg", "jpeg2000", "jpegls", "ljpeg", "bmp", "gif", "webp", "tiff", "targa", "pam",
          "pbm", "pgm", "ppm", "pcx", "sgi", "exr", "dpx", "qoi", "jpegxl", "psd", "hdr", "xbm", "xwd");

  private static final Set<String> ALLOWED_FORMATS = Set.of(InputGuards.FORMAT_WHITELIST.split(","));

  private ProbeRules() {}

  /**
   * Applies the rules.
   *
   * @throws MediaRejectedException saying which rule failed
   */
  static ProbedSource accept(FFmpegProbeResult result, long sizeBytes, SourceLimits limits) {
    FFmpegFormat format = result.getFormat();
    if (format == null || format.getFormatName() == null) {
      throw reject("ffprobe found no container");
    }
    String container = format.getFormatName();
    boolean allowed = false;
    for (String name : container.split(",")) {
      allowed |= ALLOWED_FORMATS.contains(name);
    }
    if (!allowed || container.contains("image2") || container.endsWith("_pipe")) {
      throw reject("container '" + container + "' is not an accepted video container");
    }
    List<FFmpegStream> streams = result.getStreams() == null ? List.of() : result.getStreams();
    FFmpegStream video =
        streams.stream()
            .filter(s -> s.getCodecType() == CodecType.VIDEO)
            .filter(s -> s.getDisposition() == null || !s.getDisposition().attached_pic)
            .findFirst()
            .orElseThrow(() -> reject("no video stream (streams: " + describe(streams) + ")"));
    String codec = String.valueOf(video.getCodecName());
    if (video.getWidth() <= 0 || video.getHeight() <= 0) {
      throw reject(
          "the video stream has no usable picture size (" + codec + "): unreadable, or larger than the decoder limit of "
              + limits.decoderMaxPixels() + " pixels");
    }
    int[] display = displaySize(video);
    checkSize(display[0], display[1], limits);
    VideoFacts facts = VideoFacts.of(video);
    if (facts.pixelFormat().isEmpty()) {
      throw reject("no picture could be decoded from the video stream (" + codec + ")");
    }
    long frames = video.getNbFrames();
    // nb_frames is 0 when the container does not say (Matroska): then a short image-codec stream
    if (frames == 1 || (frames == 0 && IMAGE_CODECS.contains(codec) && video.getDuration() < 0.5)) {
      throw reject("a still image (" + codec + ", " + (frames == 1 ? "1 frame" : "no frame count") + "), not a video");
    }
    double duration = format.getDuration() > 0 ? format.getDuration() : video.getDuration();
    if (!(duration > 0) || Double.isInfinite(duration)) {
      throw reject("the video has no duration (" + container + ", " + codec + ")");
    }
    if (duration > limits.maxDuration().toMillis() / 1000.0) {
      throw reject(
          String.format(
              Locale.ROOT, "the video is %.0f s long, longer than the limit of %d s", duration,
              limits.maxDuration().toSeconds()));
    }
    boolean hasAudio = streams.stream().anyMatch(s -> s.getCodecType() == CodecType.AUDIO);
    MediaInfo media =
        new MediaInfo(
            container, duration, display[0], display[1], frameRate(video), codec, hasAudio,
            Math.max(0, format.getBitRate()), sizeBytes);
    return new ProbedSource(media, facts, Double.isFinite(format.getStartTime()) ? format.getStartTime() : 0);
  }

  private static void checkSize(int width, int height, SourceLimits limits) {
    if (width > limits.maxWidth() || height > limits.maxHeight() || (long) width * height > limits.maxPixels()) {
      throw reject(
          String.format(
              Locale.ROOT,
              "the picture is %dx%d, larger than the limit of %dx%d (%d pixels)",
              width, height, limits.maxWidth(), limits.maxHeight(), limits.maxPixels()));
    }
  }

  /** Display size: coded size stretched by the sample aspect ratio, swapped for 90°/270° rotation. */
  static int[] displaySize(FFmpegStream video) {
    int w = video.getWidth();
    int h = video.getHeight();
    Fraction sar = parseRatio(video.getSampleAspectRatio());
    if (sar != null && sar.getNumerator() > 0 && sar.getDenominator() > 0 && sar.compareTo(Fraction.ONE) != 0) {
      w = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(w * sar.doubleValue())));
    }
    int rotation = Math.floorMod(Math.round(rotation(video) / 90.0f) * 90, 360);
    return rotation == 90 || rotation == 270 ? new int[] {h, w} : new int[] {w, h};
  }

  private static int rotation(FFmpegStream video) {
    if (video.getSideDataList() != null) {
      for (FFmpegStream.SideData side : video.getSideDataList()) {
        if (side != null && side.getRotation() != 0) {
          return side.getRotation();
        }
      }
    }
    Map<String, String> tags = video.tags; // getTags() copies, and fails on null
    if (tags != null && tags.get("rotate") != null) {
      try {
        return Integer.parseInt(tags.get("rotate").trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  /** Average frame rate, falling back to the base rate; 0 when unknown. */
  private static double frameRate(FFmpegStream video) {
    double avg = rate(video.getAvgFrameRate());
    if (avg > 0 && avg <= 1000) {
      return avg;
    }
    double base = rate(video.getRFrameRate());
    return base > 0 && base <= 1000 ? base : 0;
  }

  private static double rate(Fraction f) {
    return f == null || f.getDenominator() == 0 ? 0 : f.doubleValue();
  }

  private static Fraction parseRatio(String ratio) {
    if (ratio == null || !ratio.matches("\\d{1,9}:\\d{1,9}")) {
      return null;
    }
    String[] parts = ratio.split(":");
    int den = Integer.parseInt(parts[1]);
    return den == 0 ? null : Fraction.getFraction(Integer.parseInt(parts[0]), den);
  }

  private static String describe(List<FFmpegStream> streams) {
    if (streams.isEmpty()) {
      return "none";
    }
    return streams.stream()
        .map(s -> String.valueOf(s.getCodecType()).toLowerCase(Locale.ROOT) + " " + s.getCodecName())
        .collect(Collectors.joining(", "));
  }

  private static MediaRejectedException reject(String message) {
    return new MediaRejectedException(message, null);
  }
}
