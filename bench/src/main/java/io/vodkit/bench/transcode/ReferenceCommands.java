package io.vodkit.bench.transcode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written ffmpeg commands {@link LadderBench} measures the ladder against: the same
 * three rungs with the same x264 settings as {@code FfmpegTranscoder} ({@code veryfast}, the
 * rung's profile and bitrate with maxrate 1.1× and bufsize 2×, a closed GOP of exactly 4 s, no
 * scene-cut keyframes, forced keyframes every 4 s), AAC 128k stereo 48 kHz once, written to plain
 * MP4 files instead of CMAF segments.
 *
 * <ul>
 *   <li>{@link #onePass}: one ffmpeg that decodes once and fans out with {@code split}, as the
 *       ladder does;
 *   <li>{@link #separatePasses}: one ffmpeg per rung, each decoding the source again (audio in the
 *       first).
 * </ul>
 */
final class ReferenceCommands {
  /**
   * One rung.
   *
   * @param name output name
   * @param width pixels
   * @param height pixels
   * @param profile x264 profile
   * @param kbps target bitrate
   */
  record Rung(String name, int width, int height, String profile, int kbps) {}

  static final List<Rung> RUNGS =
      List.of(
          new Rung("360p", 640, 360, "baseline", 400),
          new Rung("720p", 1280, 720, "main", 2500),
          new Rung("1080p", 1920, 1080, "high", 5000));

  private static final int FPS = 30;
  private static final int SEGMENT_SECONDS = 4;

  private ReferenceCommands() {}

  /** One process: decode once, {@code split}, three encoders, audio once. */
  static List<String> onePass(Path ffmpeg, Path source, Path outDir) {
    List<String> a = start(ffmpeg, source);
    StringBuilder graph = new StringBuilder("[0:v:0]fps=" + FPS + ",split=" + RUNGS.size());
    for (int i = 0; i < RUNGS.size(); i++) {
      graph.append("[s").append(i).append(']');
    }
    for (int i = 0; i < RUNGS.size(); i++) {
      Rung r = RUNGS.get(i);
      graph.append(";[s").append(i).append("]scale=").append(r.width()).append(':').append(r.height())
          .append(",setsar=1,format=yuv420p[v").append(i).append(']');
    }
    a.addAll(List.of("-filter_complex", graph.toString()));
    for (int i = 0; i < RUNGS.size(); i++) {
      a.addAll(List.of("-map", "[v" + i + "]"));
      a.addAll(x264(RUNGS.get(i)));
      if (i == 0) {
        a.addAll(audio());
      }
      a.add(outDir.resolve(RUNGS.get(i).name() + ".mp4").toString());
    }
    return a;
  }

  /** One process per rung, each decoding the whole source. */
  static List<List<String>> separatePasses(Path ffmpeg, Path source, Path outDir) {
    List<List<String>> commands = new ArrayList<>();
    for (int i = 0; i < RUNGS.size(); i++) {
      Rung r = RUNGS.get(i);
      List<String> a = start(ffmpeg, source);
      a.addAll(List.of("-map", "0:v:0", "-vf", "fps=" + FPS + ",scale=" + r.width() + ":" + r.height() + ",setsar=1,format=yuv420p"));
      a.addAll(x264(r));
      if (i == 0) {
        a.addAll(List.of("-map", "0:a:0"));
        a.addAll(audio());
      }
      a.add(outDir.resolve(r.name() + ".mp4").toString());
      commands.add(a);
    }
    return commands;
  }

  private static List<String> start(Path ffmpeg, Path source) {
    return new ArrayList<>(
        List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y", "-i", source.toString()));
  }

  private static List<String> x264(Rung r) {
    int gop = FPS * SEGMENT_SECONDS;
    return List.of(
        "-c:v", "libx264", "-preset", "veryfast", "-profile:v", r.profile(),
        "-b:v", r.kbps() + "k", "-maxrate", Math.round(r.kbps() * 1.1) + "k", "-bufsize", 2 * r.kbps() + "k",
        "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0", "-flags", "+cgop",
        "-x264-params", "scenecut=0:open_gop=0", "-force_key_frames", "expr:gte(t,n_forced*" + SEGMENT_SECONDS + ")");
  }

  private static List<String> audio() {
    return List.of("-map", "0:a:0", "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000");
  }
}
