package io.vodkit.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Generates small test inputs with the real ffmpeg and runs ffprobe for assertions. */
final class TestMedia {
  static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
  static final Path FFPROBE = Path.of("/usr/bin/ffprobe");

  private TestMedia() {}

  /**
   * A test-pattern clip, H.264 (ultrafast) + optional 440 Hz AAC, in {@code file}.
   *
   * @param extra extra output options before the file name (e.g. {@code -movflags +faststart})
   */
  static Path clip(Path file, int width, int height, int fps, double seconds, boolean audio, String... extra)
      throws IOException {
    List<String> args = new ArrayList<>(List.of(
        FFMPEG.toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps));
    if (audio) {
      args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"));
    }
    args.addAll(List.of("-t", Double.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
    if (audio) {
      args.addAll(List.of("-c:a", "aac", "-b:a", "96k"));
    }
    args.addAll(Arrays.asList(extra));
    args.add(file.toString());
    run(args);
    return file;
  }

  /** Runs a command, failing on a non-zero exit; returns stdout. */
  static String run(List<String> args) throws IOException {
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("command failed: " + args + "\n" + out);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return out;
  }

  /** ffmpeg with the given arguments (after the common flags). */
  static void ffmpeg(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(FFMPEG.toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y"));
    all.addAll(Arrays.asList(args));
    run(all);
  }

  /** Presentation times of the video keyframes of {@code file}, in seconds. */
  static List<Double> keyframeTimes(Path file) throws IOException {
    String csv = run(List.of(
        FFPROBE.toString(), "-v", "error", "-select_streams", "v:0",
        "-show_entries", "packet=pts_time,flags", "-of", "csv=p=0", file.toString()));
    List<Double> times = new ArrayList<>();
    for (String line : csv.split("\\R")) {
      String[] f = line.split(",");
      if (f.length >= 2 && f[1].startsWith("K")) {
        times.add(Double.parseDouble(f[0]));
      }
    }
    times.sort(Double::compare);
    return times;
  }

  /**
   * Media duration of one segment measured by ffprobe: {@code init} + {@code segment}
   * concatenated into a temporary file, then the span from the first packet's time to the end of
   * the last packet.
   */
  static double segmentSeconds(Path init, Path segment, Path scratch) throws IOException {
    Path joined = Files.createTempFile(scratch, "seg", ".mp4");
    Files.write(joined, Files.readAllBytes(init));
    Files.write(joined, Files.readAllBytes(segment), java.nio.file.StandardOpenOption.APPEND);
    String csv = run(List.of(
        FFPROBE.toString(), "-v", "error", "-select_streams", "0",
        "-show_entries", "packet=pts_time,duration_time", "-of", "csv=p=0", joined.toString()));
    double min = Double.MAX_VALUE;
    double max = 0;
    for (String line : csv.split("\\R")) {
      String[] f = line.split(",");
      if (f.length >= 2 && !f[0].isBlank() && !f[1].isBlank()) {
        double pts = Double.parseDouble(f[0]);
        min = Math.min(min, pts);
        max = Math.max(max, pts + Double.parseDouble(f[1]));
      }
    }
    Files.delete(joined);
    return max - min;
  }

  /** Concatenation of an init segment and all media segments, for whole-rendition checks. */
  static Path joined(Path renditionDir, List<String> segments, Path target) throws IOException {
    Files.write(target, Files.readAllBytes(renditionDir.resolve("init.mp4")));
    for (String s : segments) {
      Files.write(target, Files.readAllBytes(renditionDir.resolve(s)), java.nio.file.StandardOpenOption.APPEND);
    }
    return target;
  }
}
