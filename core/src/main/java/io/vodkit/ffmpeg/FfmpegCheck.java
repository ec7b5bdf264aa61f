package io.vodkit.ffmpeg;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether an ffmpeg binary runs: {@code ffmpeg -hide_banner -version} must exit 0 within a
 * timeout. For health checks, which report the answer rather than fail.
 */
public final class FfmpegCheck {
  /** How long {@code -version} may take before the binary counts as not answering. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private FfmpegCheck() {}

  /** Empty when {@code ffmpeg} runs; otherwise why not, in words for a health report. */
  public static Optional<String> problem(String ffmpeg, Duration timeout) {
    Process p;
    try {
      p = new ProcessBuilder(ffmpeg, "-hide_banner", "-version")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return Optional.of("missing: cannot run " + ffmpeg + " (" + e.getMessage() + ")");
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return Optional.of(ffmpeg + " -version did not answer within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while running " + ffmpeg + " -version");
    }
    return p.exitValue() == 0
        ? Optional.empty()
        : Optional.of(ffmpeg + " -version exited " + p.exitValue());
  }
}
