package io.vodkit.ffmpeg;

import io.vodkit.VodkitException;
import io.vodkit.spi.RungSpec;
import io.vodkit.spi.TranscodeRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the one ffmpeg command that encodes a whole ladder: one decode, {@code fps} once (a
 * constant output rate: variable-frame-rate sources are resampled to their average rate, see
 * {@link OutputFrameRate}), the SDR conversion once when the source is HDR or wide-gamut ({@link
 * SdrConversion}), then {@code split} into one {@code scale,setsar,format} chain per rung, one encoder per rung plus AAC
 * audio once, muxed by the {@code hls} muxer as CMAF fMP4 with {@code -var_stream_map} into
 * {@code <name>/seg_NNNNN.m4s}. Keyframes are forced exactly every segment duration, scene-cut
 * keyframes are off and GOPs are closed, so every segment of every rung starts with an IDR frame
 * at the same time.
 *
 * <p>The input is read under {@link InputGuards}; the output stops at the probed duration plus
 * max(2 s, 2 %) ({@code -t}), so timestamps that jump past the declared end cannot make the
 * {@code fps} filter fill hours with duplicated frames. Rotation is applied by ffmpeg's
 * autorotate (the outputs carry no rotation); sizes are display sizes, so {@code setsar=1} makes
 * square pixels of anamorphic sources.
 *
 * <p>The command runs with the output directory as working directory and names outputs relative
 * to it, so characters in the absolute path ({@code %} in particular) never meet the hls muxer's
 * file-name templates. An argument list, never a shell string.
 *
 * <p>Immutable; built by {@link #build}.
 *
 * @param args the full command, binary first
 * @param workingDir where to run it (the request's output directory)
 * @param videoNames the video renditions in rung order
 * @param audio whether an {@code audio} rendition is produced
 * @param frameRate the constant output frame rate
 */
record LadderCommand(
    List<String> args, Path workingDir, List<String> videoNames, boolean audio, OutputFrameRate frameRate) {
  /** Name of the audio rendition and its folder. */
  static final String AUDIO = "audio";
  /** File ffmpeg writes its per-variant playlist to (read, then deleted). */
  static final String PLAYLIST = "ffmpeg.m3u8";
  /** Init segment file name in every rendition folder. */
  static final String INIT = "init.mp4";

  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /**
   * Encoder settings that are not part of the request.
   *
   * @param preset x264/x265 preset, e.g. {@code veryfast}
   * @param threads encoder threads, 0 for ffmpeg's default
   */
  record EncoderOptions(String preset, int threads) {}

  LadderCommand {
    args = List.copyOf(args);
    videoNames = List.copyOf(videoNames);
  }

  /** The command for {@code request}, reading the source under {@code limits}, converting with {@code sdr}. */
  static LadderCommand build(
      Path ffmpeg, TranscodeRequest request, EncoderOptions options, SourceLimits limits, SdrConversion sdr) {
    return build(ffmpeg, request, request.rungs(), request.media().hasAudio(), options, limits, sdr);
  }

  /**
   * The command for only {@code rungs} of {@code request} (possibly none) and the audio if {@code
   * audio}: what a rung-by-rung retry runs after the whole ladder failed.
   */
  static LadderCommand build(
      Path ffmpeg, TranscodeRequest request, List<RungSpec> rungs, boolean audio, EncoderOptions options,
      SourceLimits limits, SdrConversion sdr) {
    if (rungs.isEmpty() && !audio) {
      throw new IllegalArgumentException("nothing to encode");
    }
    if (audio && !request.media().hasAudio()) {
      throw new IllegalArgumentException("the source has no audio");
    }
    validateNames(rungs);
    if (request.segmentDuration().isNegative() || request.segmentDuration().toMillis() < 100) {
      throw VodkitException.invalid("segmentDuration", "segment duration must be at least 100 ms");
    }
    if (audio && request.audioBitrateKbps() <= 0) {
      throw VodkitException.invalid("audioBitrateKbps", "audio bitrate must be positive");
    }
    String seg = BigDecimal.valueOf(request.segmentDuration().toMillis(), 3).stripTrailingZeros().toPlainString();
    OutputFrameRate fps = OutputFrameRate.forSource(request.media().frameRate());
    long gop = Math.max(1, Math.round(fps.value() * request.segmentDuration().toMillis() / 1000.0));

    List<String> a = new ArrayList<>();
    a.add(ffmpeg.toString());
    a.addAll(List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "warning", "-progress", "pipe:1", "-y"));
    a.addAll(InputGuards.global());
    a.addAll(InputGuards.input(limits));
    a.addAll(List.of("-i", InputGuards.url(request.source())));
    if (!rungs.isEmpty()) {
      a.addAll(List.of("-filter_complex", filterGraph(rungs, fps, sdr)));
    }
    for (int i = 0; i < rungs.size(); i++) {
      a.addAll(List.of("-map", "[v" + i + "]"));
    }
    if (audio) {
      a.addAll(List.of("-map", "0:a:0"));
    }
    a.addAll(List.of("-map_metadata", "-1", "-map_chapters", "-1"));
    for (int i = 0; i < rungs.size(); i++) {
      a.addAll(videoEncoder(i, rungs.get(i), options.preset(), gop));
    }
    if (!rungs.isEmpty()) {
      a.addAll(sdr.outputTags());
      a.addAll(List.of("-force_key_frames:v", "expr:gte(t,n_forced*" + seg + ")"));
    }
    if (audio) {
      a.addAll(
          List.of(
              "-c:a:0", "aac", "-profile:a:0", "aac_low", "-b:a:0", request.audioBitrateKbps() + "k",
              "-ac:a:0", "2", "-ar:a:0", "48000"));
    }
    if (options.threads() > 0) {
      a.addAll(List.of("-threads", Integer.toString(options.threads())));
      if (!rungs.isEmpty()) {
        a.addAll(List.of("-filter_complex_threads", Integer.toString(options.threads())));
      }
    }
    a.addAll(List.of("-max_muxing_queue_size", "1024", "-t", outputCap(request.media().durationSeconds())));
    a.addAll(
        List.of(
            "-f", "hls",
            "-hls_time", seg,
            "-hls_playlist_type", "vod",
            "-hls_segment_type", "fmp4",
            "-hls_fmp4_init_filename", INIT,
            "-hls_flags", "independent_segments",
            "-hls_segment_filename", "%v/seg_%05d.m4s",
            "-var_stream_map", streamMap(rungs, audio),
            "%v/" + PLAYLIST));
    return new LadderCommand(
        a, request.outputDir(), rungs.stream().map(RungSpec::name).toList(), audio, fps);
  }

  /** The same outputs without the audio: what to measure for the video renditions alone. */
  LadderCommand videoOnly() {
    return new LadderCommand(args, workingDir, videoNames, false, frameRate);
  }

  /** The longest output, in seconds: the declared duration plus max(2 s, 2 %). */
  static String outputCap(double declaredSeconds) {
    double cap = declaredSeconds + Math.max(2.0, declaredSeconds * 0.02);
    return BigDecimal.valueOf((long) Math.ceil(cap * 1000 - 1e-6), 3).stripTrailingZeros().toPlainString();
  }

  /** {@code [0:V:0]fps=R[,sdr],split=N[s0]…;[s0]scale=W:H,setsar=1,format=yuv420p[v0];…} */
  static String filterGraph(List<RungSpec> rungs, OutputFrameRate fps, SdrConversion sdr) {
    StringBuilder g = new StringBuilder();
    // V (capital): the first video stream that is not cover art, as the prober picked it
    g.append("[0:V:0]fps=").append(fps);
    if (!sdr.filter().isEmpty()) {
      g.append(',').append(sdr.filter());
    }
    g.append(",split=").append(rungs.size());
    for (int i = 0; i < rungs.size(); i++) {
      g.append("[s").append(i).append(']');
    }
    for (int i = 0; i < rungs.size(); i++) {
      RungSpec r = rungs.get(i);
      g.append(";[s").append(i).append("]scale=").append(r.width()).append(':').append(r.height())
          .append(",setsar=1,format=yuv420p[v").append(i).append(']');
    }
    return g.toString();
  }

  private static List<String> videoEncoder(int i, RungSpec rung, String preset, long gop) {
    String v = ":v:" + i;
    List<String> a = new ArrayList<>();
    boolean hevc = rung.codec().equalsIgnoreCase("h265") || rung.codec().equalsIgnoreCase("hevc");
    if (!hevc && !rung.codec().equalsIgnoreCase("h264")) {
      throw VodkitException.invalid("rungs", "rung " + rung.name() + ": unsupported codec " + rung.codec());
    }
    a.addAll(List.of("-c" + v, hevc ? "libx265" : "libx264"));
    if (hevc) {
      a.addAll(List.of("-tag" + v, "hvc1"));
    }
    a.addAll(List.of("-preset" + v, preset, "-profile" + v, rung.profile()));
    a.addAll(
        List.of(
            "-b" + v, rung.bitrateKbps() + "k",
            "-maxrate" + v, Math.round(rung.bitrateKbps() * 1.1) + "k",
            "-bufsize" + v, (2L * rung.bitrateKbps()) + "k"));
    a.addAll(List.of("-g" + v, Long.toString(gop), "-keyint_min" + v, Long.toString(gop)));
    a.addAll(List.of("-sc_threshold" + v, "0", "-flags" + v, "+cgop", "-forced-idr" + v, "1"));
    if (hevc) {
      a.addAll(
          List.of(
              "-x265-params" + v,
              "log-level=error:scenecut=0:open-gop=0:keyint=" + gop + ":min-keyint=" + gop));
    } else {
      a.addAll(List.of("-x264-params" + v, "scenecut=0:open_gop=0"));
    }
    return a;
  }

  /** {@code v:0,name:360p v:1,name:720p a:0,name:audio} */
  static String streamMap(List<RungSpec> rungs, boolean audio) {
    StringBuilder m = new StringBuilder();
    for (int i = 0; i < rungs.size(); i++) {
      m.append(i == 0 ? "" : " ").append("v:").append(i).append(",name:").append(rungs.get(i).name());
    }
    if (audio) {
      m.append(rungs.isEmpty() ? "" : " ").append("a:0,name:").append(AUDIO);
    }
    return m.toString();
  }

  private static void validateNames(List<RungSpec> rungs) {
    Set<String> seen = new HashSet<>();
    for (RungSpec r : rungs) {
      if (!SAFE_NAME.matcher(r.name()).matches() || r.name().equals(AUDIO)) {
        throw VodkitException.invalid(
            "rungs", "rung name must match [A-Za-z0-9_-]{1,32} and not be 'audio': " + r.name());
      }
      if (!seen.add(r.name())) {
        throw VodkitException.invalid("rungs", "duplicate rung name " + r.name());
      }
    }
  }
}
