package io.vodkit.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Test helper: measures produced media with the real ffprobe. */
final class Ffprobe {
  private Ffprobe() {}

  /** Duration in seconds of one CMAF segment, measured by probing init + segment joined. */
  static double segmentDuration(Path init, Path segment, Path scratch) throws IOException, InterruptedException {
    Path joined = scratch.resolve("probe-" + segment.getFileName() + ".mp4");
    Files.write(joined, Files.readAllBytes(init));
    Files.write(joined, Files.readAllBytes(segment), StandardOpenOption.APPEND);
    // A CMAF segment starts at its own decode time (tfdt), so the container "duration" is its end
    // time; measure first packet start to last packet end instead.
    String out =
        run(List.of("ffprobe", "-v", "error", "-select_streams", "0", "-show_entries", "packet=pts_time,duration_time",
            "-of", "csv=p=0", joined.toString()));
    Files.delete(joined);
    double start = Double.MAX_VALUE;
    double end = 0;
    for (String line : out.strip().split("\\R")) {
      String[] f = line.split(",");
      if (f.length < 2 || f[0].equals("N/A") || f[1].equals("N/A")) {
        continue;
      }
      double pts = Double.parseDouble(f[0]);
      start = Math.min(start, pts);
      end = Math.max(end, pts + Double.parseDouble(f[1]));
    }
    if (end == 0) {
      throw new IllegalStateException("no timed packets in " + segment + ": " + out);
    }
    return end - start;
  }

  static String run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(cmd + " failed: " + out);
    }
    return out;
  }
}
