package io.vodkit.ffmpeg;

import java.nio.file.Path;
import java.util.List;

/**
 * The options every ffmpeg and ffprobe run that reads an untrusted source gets, in one place, so
 * probing, encoding and thumbnails are locked down alike:
 *
 * <ul>
 *   <li>{@code -protocol_whitelist file} and the input named {@code file:/absolute/path}: no
 *       network, no {@code concat:}/{@code subfile:}/{@code data:} tricks, and a name that starts
 *       with a dash or holds a {@code :} is never read as an option or a protocol;
 *   <li>{@code -format_whitelist} {@link #FORMAT_WHITELIST}: demuxers that can reference other
 *       files or URLs ({@code hls}, {@code dash}, {@code concat}, {@code image2}, {@code sdp}…)
 *       are refused whatever the file is called; the {@code mov} demuxer's external data
 *       references stay off ({@code enable_drefs} defaults to 0 and is never set);
 *   <li>{@code -probesize} / {@code -analyzeduration}: the header analysis reads and decodes at
 *       most {@value #PROBE_SIZE_BYTES} bytes and {@value #ANALYZE_DURATION_MICROS} µs of media;
 *   <li>{@code -max_streams} {@value #MAX_STREAMS};
 *   <li>{@code -max_pixels}: decoders refuse frames above the configured picture limits before
 *       allocating them (a 12000×12000 PNG in Matroska costs ffprobe 470 MB without it, 50 MB
 *       with it);
 *   <li>{@code -max_alloc} {@value #MAX_ALLOC_BYTES}: no single allocation by ffmpeg's own
 *       allocator above that (a sample table claiming billions of entries fails instead of
 *       reserving gigabytes).
 * </ul>
 *
 * <p>Arguments are always a list handed to {@link ProcessBuilder}; nothing goes through a shell.
 */
final class InputGuards {
  /**
   * Demuxers (ffmpeg 5.1 names) a source may be read with: ISO-BMFF/QuickTime, Matroska/WebM,
   * AVI, MPEG-TS, FLV, MXF, Ogg. A demuxer matches when any of its comma-separated names is
   * listed, so {@code mov,mp4,m4a,3gp,3g2,mj2} is listed whole.
   */
  static final String FORMAT_WHITELIST = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,mxf,ogg";

  /** Largest single allocation ffmpeg's allocator may make, in bytes (512 MiB). */
  static final long MAX_ALLOC_BYTES = 512L << 20;
  /** Bytes the header analysis may read. */
  static final long PROBE_SIZE_BYTES = 10_000_000;
  /** Media time the header analysis may decode, in microseconds. */
  static final long ANALYZE_DURATION_MICROS = 10_000_000;
  /** Most streams a source may have. */
  static final int MAX_STREAMS = 64;

  private InputGuards() {}

  /** Global options, placed right after the binary. */
  static List<String> global() {
    return List.of("-max_alloc", Long.toString(MAX_ALLOC_BYTES));
  }

  /** Options for the source input, placed before it ({@code -i} for ffmpeg). */
  static List<String> input(SourceLimits limits) {
    return List.of(
        "-protocol_whitelist", "file",
        "-format_whitelist", FORMAT_WHITELIST,
        "-probesize", Long.toString(PROBE_SIZE_BYTES),
        "-analyzeduration", Long.toString(ANALYZE_DURATION_MICROS),
        "-max_streams", Integer.toString(MAX_STREAMS),
        "-max_pixels", Long.toString(limits.decoderMaxPixels()));
  }

  /** The source as ffmpeg must be given it: the {@code file} protocol and an absolute path. */
  static String url(Path source) {
    return "file:" + source.toAbsolutePath().normalize();
  }
}
