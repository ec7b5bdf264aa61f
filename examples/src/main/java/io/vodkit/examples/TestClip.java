package io.vodkit.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates synthetic test clips with ffmpeg (moving {@code testsrc2} pattern plus a sine tone),
 * for the demo and the tests. Runs ffmpeg with an argument list, never through a shell.
 */
public final class TestClip {
  private TestClip() {}

  /**
   * Writes an H.264/AAC MP4 of {@code width}x{@code height} at 30 fps lasting {@code seconds}, at
   * roughly {@code videoKbps} (so the file size is predictable for multipart tests).
   */
  public static Path generate(Path out, int width, int height, int seconds, int videoKbps) {
    List<String> cmd =
        List.of(
            "ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=30:duration=" + seconds,
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-b:v", videoKbps + "k", "-minrate", videoKbps + "k", "-maxrate", videoKbps + "k",
            "-bufsize", (videoKbps * 2) + "k", "-x264-params", "nal-hrd=cbr",
            "-c:a", "aac", "-b:a", "128k", "-shortest", "-movflags", "+faststart",
            out.toString());
    run(cmd);
    return out;
  }

  static void run(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = p.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(cmd.get(0) + " exited " + exit + ": " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + cmd.get(0) + " (is ffmpeg installed? run ./scripts/setup.sh)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
