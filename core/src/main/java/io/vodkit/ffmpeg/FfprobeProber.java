package io.vodkit.ffmpeg;

import io.vodkit.ErrorCode;
import io.vodkit.MediaRejectedException;
import io.vodkit.VodkitException;
import io.vodkit.spi.MediaInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.bramp.ffmpeg.builder.FFprobeBuilder;
import net.bramp.ffmpeg.probe.FFmpegFormat;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;
import net.bramp.ffmpeg.probe.FFmpegStream;
import net.bramp.ffmpeg.shared.CodecType;
import org.apache.commons.lang3.math.Fraction;

/**
 * Probes a source with ffprobe locked down to local files and real video containers, and turns
 * the result into {@link MediaInfo} or a {@link MediaRejectedException} that says why.
 *
 * <p>ffprobe runs with {@code -protocol_whitelist file} and {@code -format_whitelist} set to
 * {@link #FORMAT_WHITELIST}, so playlists and scripts that reference other files ({@code hls},
 * {@code concat}, image sequences…) are refused by ffmpeg itself, whatever the file is named.
 *
 * <p>Thread-safe; holds no resources.
 */
final class FfprobeProber {
  /**
   * Demuxers (ffmpeg 5.1 names) a source may be read with: ISO-BMFF/QuickTime, Matroska/WebM,
   * AVI, MPEG-TS, FLV, MXF, Ogg. A demuxer matches when any of its comma-separated names is
   * listed, so {@code mov,mp4,m4a,3gp,3g2,mj2} is listed whole.
   */
  static final String FORMAT_WHITELIST = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,mxf,ogg";

  private static final Set<String> ALLOWED_FORMATS = Set.of(FORMAT_WHITELIST.split(","));

  /** Still-image codecs: a stream of these with at most one frame is a picture, not a video. */
  private static final Set<String> IMAGE_CODECS =
      Set.of(
          "png", "apng", "mjpeg", "jpeg2000", "jpegls", "ljpeg", "bmp", "gif", "webp", "tiff", "targa", "pam",
          "pbm", "pgm", "ppm", "pcx", "sgi", "exr", "dpx", "qoi", "jpegxl", "psd", "hdr", "xbm", "xwd");

  private final FfprobeRunner runner;
  private final SourceLimits limits;

  FfprobeProber(FfprobeRunner runner, SourceLimits limits) {
    this.runner = runner;
    this.limits = limits;
  }

  /** Probes {@code source}; see {@link io.vodkit.spi.Transcoder#probe}. */
  MediaInfo probe(Path source) {
    Path file = source.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw VodkitException.invalid("source", "source is not a regular file: " + file);
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw VodkitException.invalid("source", "cannot read source " + file + ": " + e);
    }
    if (size == 0) {
      throw VodkitException.mediaRejected("the file is empty");
    }
    FFprobeBuilder builder =
        new FFprobeBuilder()
            .setInput("file:" + file)
            .setShowFormat(true)
            .setShowStreams(true)
            .addExtraArgs("-protocol_whitelist", "file", "-format_whitelist", FORMAT_WHITELIST);
    FFmpegProbeResult result;
    try {
      result = runner.run(builder, null);
    } catch (FfprobeRunner.Failure f) {
      throw switch (f.kind()) {
        case REFUSED -> new MediaRejectedException(
            "not a video we accept: ffprobe said: " + StreamTail.redact(f.getMessage(), file), f);
        case TIMED_OUT -> VodkitException.transcode(f.getMessage(), true, f);
        case NOT_RUNNABLE -> configuration(f);
      };
    }
    return toMediaInfo(result, size, limits);
  }

  private static VodkitException configuration(Throwable f) {
    return new VodkitException(
        ErrorCode.CONFIGURATION, f.getMessage() + " (install the Debian/Ubuntu package 'ffmpeg')", false, null, f);
  }

  /** Applies the acceptance rules to a probe result; pure, for tests. */
  static MediaInfo toMediaInfo(FFmpegProbeResult result, long sizeBytes, SourceLimits limits) {
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
    long frames = video.getNbFrames();
    // nb_frames is 0 when the container does not say (Matroska): then a short image-codec stream
    if (frames == 1 || (frames == 0 && IMAGE_CODECS.contains(codec) && video.getDuration() < 0.5)) {
      throw reject("a still image (" + codec + ", " + (frames == 1 ? "1 frame" : "no frame count") + "), not a video");
    }
    double duration = format.getDuration() > 0 ? format.getDuration() : video.getDuration();
    if (!(duration > 0) || Double.isInfinite(duration)) {
      throw reject("the video has no duration (" + container + ", " + codec + ")");
    }
    if (video.getWidth() <= 0 || video.getHeight() <= 0) {
      throw reject("the video stream has no picture size (" + codec + ")");
    }
    int[] display = displaySize(video);
    int width = display[0];
    int height = display[1];
    if (width > limits.maxWidth() || height > limits.maxHeight() || (long) width * height > limits.maxPixels()) {
      throw reject(
          String.format(
              Locale.ROOT,
              "the picture is %dx%d, larger than the limit of %dx%d (%d pixels)",
              width, height, limits.maxWidth(), limits.maxHeight(), limits.maxPixels()));
    }
    if (duration > limits.maxDuration().toMillis() / 1000.0) {
      throw reject(
          String.format(
              Locale.ROOT, "the video is %.0f s long, longer than the limit of %d s", duration,
              limits.maxDuration().toSeconds()));
    }
    boolean hasAudio = streams.stream().anyMatch(s -> s.getCodecType() == CodecType.AUDIO);
    return new MediaInfo(
        container, duration, width, height, frameRate(video), codec, hasAudio, Math.max(0, format.getBitRate()),
        sizeBytes);
  }

  /** Display size: coded size stretched by the sample aspect ratio, swapped for 90°/270° rotation. */
  static int[] displaySize(FFmpegStream video) {
    int w = video.getWidth();
    int h = video.getHeight();
    Fraction sar = parseRatio(video.getSampleAspectRatio());
    if (sar != null && sar.getNumerator() > 0 && sar.getDenominator() > 0 && sar.compareTo(Fraction.ONE) != 0) {
      w = (int) Math.max(1, Math.round(w * sar.doubleValue()));
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
    Map<String, String> tags = video.getTags();
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
