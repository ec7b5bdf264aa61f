package io.vodkit.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs our ffmpeg and ffprobe under {@code strace -f -ff -e trace=open,openat,openat2} (through
 * {@link FfmpegTranscoder.Builder#commandPrefix}), one trace file per process ({@code
 * trace.PID}), and lists every path they tried to open, successfully or not.
 */
final class OpenTracer {
  static final Path STRACE = Path.of("/usr/bin/strace");
  private static final Pattern OPEN = Pattern.compile("^open(?:at2?)?\\((?:[^,\"]+, )?\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static Boolean available;

  private OpenTracer() {}

  /** Whether strace exists and may trace here (ptrace can be forbidden in containers). */
  static synchronized boolean available() {
    if (available == null) {
      available = probe();
    }
    return available;
  }

  private static boolean probe() {
    if (!Files.isExecutable(STRACE)) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(STRACE.toString(), "-f", "-qq", "-e", "trace=openat", "-o", "/dev/null", "/bin/true")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The prefix that traces into {@code traceDir} (one file per process). */
  static List<String> prefix(Path traceDir) {
    return List.of(
        STRACE.toString(), "-f", "-ff", "-qq", "-s", "4096", "-e", "trace=open,openat,openat2",
        "-o", traceDir.resolve("trace").toString());
  }

  /** Every path an open call named in the given trace files (one per traced process). */
  static List<String> opened(Collection<Path> traceFiles) throws IOException {
    List<String> paths = new ArrayList<>();
    for (Path f : traceFiles) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        Matcher m = OPEN.matcher(line);
        if (m.find()) {
          paths.add(m.group(1));
        }
      }
    }
    return paths;
  }
}
