package io.vodkit.ffmpeg;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.bramp.ffmpeg.builder.FFprobeBuilder;
import net.bramp.ffmpeg.probe.FFmpegPacket;

/**
 * Checks that a source really has media up to the duration its header declares, from the times of
 * its last packets: demuxing only, nothing is decoded, at most {@value #MAX_PACKETS} packets.
 *
 * <p>The header probe itself asks for them ({@link #END_ARGS}): it seeks to {@value #FAR_SECONDS}
 * s, which every seekable demuxer answers with its last keyframe, and lists packets from there to
 * the end of the file, so probing stays one ffprobe run. A demuxer that lands past the end (FLV)
 * returns no packets; then a second run reads from {@value #WINDOW_SECONDS} s before the declared
 * end ({@link #window}).
 *
 * <p>It catches, before any encoding: a forged duration (an {@code mvhd} or Matroska {@code
 * Duration} of 10 hours on a 2 s file), and a faststart MP4 cut short (its index promises media
 * the file no longer holds). Inconclusive runs (the packet cap reached, ffprobe cannot seek or
 * times out) do not reject: the encode caps its output just past the declared duration and
 * {@link FfmpegTranscoder} rejects a result much shorter than declared.
 */
final class DurationCheck {
  /** Where the header probe seeks to: far past any accepted duration. */
  static final long FAR_SECONDS = 99_999_999L;
  /** Seconds before the declared end where the second run starts. */
  static final double WINDOW_SECONDS = 10;
  /** Most packets read; reaching it makes the check inconclusive. */
  static final int MAX_PACKETS = 20_000;
  /** Extra ffprobe arguments for the header probe: the packets from the last keyframe on. */
  static final List<String> END_ARGS =
      List.of(
          "-show_entries", "packet=pts_time,dts_time,duration_time",
          "-read_intervals", FAR_SECONDS + "%+#" + MAX_PACKETS);

  private DurationCheck() {}

  /** The second run: packets from {@code declared − window} to the end of the file. */
  static FFprobeBuilder window(String url, SourceLimits limits, double startSeconds, double declaredSeconds) {
    double from = Math.max(0, startSeconds + declaredSeconds - WINDOW_SECONDS);
    return new FFprobeBuilder()
        .setInput(url)
        .setShowFormat(false)
        .setShowStreams(false)
        .setShowChapters(false)
        .setShowPackets(true)
        .addExtraArgs(InputGuards.global().toArray(String[]::new))
        .addExtraArgs(InputGuards.input(limits).toArray(String[]::new))
        .addExtraArgs(
            "-show_entries", "packet=pts_time,dts_time,duration_time",
            "-read_intervals", String.format(Locale.ROOT, "%.3f%%+#%d", from, MAX_PACKETS));
  }

  /**
   * Why the packets contradict the declared duration, or empty when they agree or there were too
   * many to tell. The last packet must end within max(2 s, 5 %) of the declared end.
   */
  static Optional<String> problem(List<FFmpegPacket> packets, double startSeconds, double declaredSeconds) {
    if (packets.size() >= MAX_PACKETS) {
      return Optional.empty();
    }
    double end = 0;
    for (FFmpegPacket p : packets) {
      double t = Math.max(p.getPtsTime(), p.getDtsTime()) + Math.max(0, p.getDurationTime());
      end = Math.max(end, t - startSeconds);
    }
    double tolerance = Math.max(2.0, declaredSeconds * 0.05);
    if (end + tolerance >= declaredSeconds) {
      return Optional.empty();
    }
    return Optional.of(
        packets.isEmpty()
            ? String.format(
                Locale.ROOT,
                "the file declares %.1f s of media but holds no packets near its end (truncated, or its media is stored elsewhere)",
                declaredSeconds)
            : String.format(
                Locale.ROOT,
                "the file declares %.1f s of media but its packets end at %.1f s (truncated, or a forged duration)",
                declaredSeconds, end));
  }
}
