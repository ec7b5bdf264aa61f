package io.vodkit.ffmpeg;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.bramp.ffmpeg.probe.FFmpegStream;

/**
 * What the filter graphs need to know about the source's video stream beyond {@link
 * io.vodkit.spi.MediaInfo}: pixel format, bit depth and colour description. Kept inside the
 * ffmpeg package (the SPI record does not carry them); {@link FfmpegTranscoder} probes them again
 * when it builds a command.
 *
 * <p>Colour names are ffprobe's ({@code smpte2084}, {@code bt2020}, {@code bt2020nc}…); anything
 * that is not a plain lowercase token is dropped, so nothing from the file can reach a filter
 * graph but a known word.
 *
 * @param pixelFormat e.g. {@code yuv420p10le}; empty when unknown
 * @param bitDepth bits per sample, 8 when unknown
 * @param transfer transfer characteristics, e.g. {@code smpte2084}; empty when unknown
 * @param primaries colour primaries, e.g. {@code bt2020}; empty when unknown
 * @param matrix colour matrix, e.g. {@code bt2020nc}; empty when unknown
 */
record VideoFacts(String pixelFormat, int bitDepth, String transfer, String primaries, String matrix) {
  private static final Pattern TOKEN = Pattern.compile("[a-z0-9_-]{1,32}");
  private static final Pattern DEPTH = Pattern.compile(".*?(9|10|12|14|16)(le|be)?$");
  private static final Set<String> HDR_TRANSFERS = Set.of("smpte2084", "arib-std-b67");

  VideoFacts {
    pixelFormat = token(pixelFormat);
    transfer = token(transfer);
    primaries = token(primaries);
    matrix = token(matrix);
    bitDepth = bitDepth > 0 ? bitDepth : 8;
  }

  /** The facts of a probed video stream. */
  static VideoFacts of(FFmpegStream video) {
    String pixFmt = token(video.getPixFmt());
    int depth = video.getBitsPerRawSample();
    if (depth <= 0) {
      var m = DEPTH.matcher(pixFmt);
      depth = m.matches() && !pixFmt.startsWith("rgb") && !pixFmt.startsWith("bgr") ? Integer.parseInt(m.group(1)) : 8;
    }
    return new VideoFacts(pixFmt, depth, video.getColorTransfer(), video.getColorPrimaries(), video.getColorSpace());
  }

  /** PQ (HDR10) or HLG transfer: needs tone mapping to look right in SDR. */
  boolean hdr() {
    return HDR_TRANSFERS.contains(transfer);
  }

  /** BT.2020 primaries: needs a gamut conversion to BT.709. */
  boolean wideGamut() {
    return primaries.startsWith("bt2020");
  }

  private static String token(String value) {
    if (value == null) {
      return "";
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return TOKEN.matcher(v).matches() && !v.equals("unknown") && !v.equals("unspecified") ? v : "";
  }
}
