package io.vodkit.ffmpeg;

import io.vodkit.ErrorCode;
import io.vodkit.MediaRejectedException;
import io.vodkit.VodkitException;
import io.vodkit.spi.Transcoder.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ffmpeg command to completion on the calling thread: progress from {@code -progress
 * pipe:1} is parsed on a helper thread and handed to the {@link ProgressListener} on the calling
 * thread (increasing fractions, about four times a second); stderr is drained and its tail kept.
 *
 * <p>Interrupting the calling thread kills ffmpeg (forcibly, then waits for it to be gone),
 * restores the interrupt flag and throws a {@code CANCELLED} {@link VodkitException}. Any other
 * way out of {@link #run} (a listener that throws, an error) also kills ffmpeg: no child process
 * outlives the call. A non-zero exit is turned into an exception by {@link #failure}.
 *
 * <p>Stateless; every call owns its process and threads.
 */
final class FfmpegRun {
  private static final Logger log = LoggerFactory.getLogger(FfmpegRun.class);
  private static final long POLL_MILLIS = 250;

  /** stderr phrases that mean the input itself is bad: never retried. */
  private static final List<String> MEDIA_ERRORS =
      List.of(
          "invalid data found when processing input",
          "moov atom not found",
          "format not on whitelist",
          "protocol not on whitelist",
          "partial file",
          "corrupt input packet",
          "error while decoding stream",
          "invalid nal unit size",
          "error reading header",
          "matches no streams",
          "does not contain any stream",
          "could not find codec parameters",
          "decoding requested, but no decoder found");

  /** stderr phrases that mean this machine is missing something: fix the setup, do not retry. */
  private static final List<String> SETUP_ERRORS =
      List.of("unknown encoder", "encoder not found", "no such filter", "error initializing output stream");

  /** stderr phrases that mean a resource ran out: retrying later may work even for bad-looking input. */
  private static final List<String> RESOURCE_ERRORS =
      List.of("no space left on device", "cannot allocate memory", "resource temporarily unavailable",
          "too many open files", "disk quota exceeded");

  /** Exit statuses of a process ended by SIGILL, SIGABRT, SIGBUS, SIGFPE or SIGSEGV. */
  private static final List<Integer> CRASH_EXITS = List.of(128 + 4, 128 + 6, 128 + 7, 128 + 8, 128 + 11);

  private FfmpegRun() {}

  /**
   * Runs {@code command}, reporting progress against {@code durationSeconds}; {@code source} is
   * only used to keep its local path out of error messages.
   *
   * @return the tail of ffmpeg's stderr (warnings) on success
   * @throws VodkitException {@code CANCELLED} on interrupt, {@code CONFIGURATION} when ffmpeg
   *     cannot start, otherwise see {@link #failure}
   */
  static StreamTail run(
      List<String> command, Path workingDir, Path source, double durationSeconds, ProgressListener listener) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workingDir.toFile());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new VodkitException(
          ErrorCode.CONFIGURATION,
          "cannot run " + command.get(0) + " (install the Debian/Ubuntu package 'ffmpeg'): " + e.getMessage(),
          false, null, e);
    }
    try {
      process.getOutputStream().close(); // -nostdin as well; nothing to say
    } catch (IOException e) {
      // nothing was going to be written anyway
    }
    StreamTail stderr = StreamTail.start(process.getErrorStream(), 40, "vodkit-ffmpeg-stderr");
    FfmpegProgress progress = new FfmpegProgress(durationSeconds);
    Thread reader = new Thread(() -> readProgress(process, progress), "vodkit-ffmpeg-progress");
    reader.setDaemon(true);
    reader.start();
    try {
      double reported = 0;
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        reported = report(listener, progress.fraction(), reported);
      }
      awaitQuietly(reader, 2000);
      stderr.awaitEnd(5000);
      int exit = process.exitValue();
      if (exit != 0) {
        log.warn("ffmpeg exited with {}; stderr tail:\n{}", exit, stderr.text());
        throw failure(exit, stderr.oneLine(1500, source));
      }
      report(listener, progress.fraction(), reported);
      if (!stderr.text().isEmpty()) {
        log.debug("ffmpeg warnings:\n{}", stderr.text());
      }
      return stderr;
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new VodkitException(ErrorCode.CANCELLED, "transcode cancelled: ffmpeg was stopped", false, null, e);
    } finally {
      if (process.isAlive()) {
        kill(process); // a listener threw, or an Error: never leave ffmpeg running
      }
    }
  }

  /**
   * The exception for a non-zero exit. In order: killed by SIGKILL/SIGTERM (the out-of-memory
   * killer, a shutdown) or a resource ran out: retryable {@code TRANSCODE_FAILED}; crashed
   * (SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL: deterministic for these bytes) or stderr says the
   * input is bad: {@link MediaRejectedException}; an encoder or filter is missing: {@code
   * CONFIGURATION}; anything else: retryable {@code TRANSCODE_FAILED}. The message carries the
   * stderr tail.
   */
  static VodkitException failure(int exit, String stderrTail) {
    String lower = stderrTail.toLowerCase(Locale.ROOT);
    String message = "ffmpeg exited with code " + exit + ": " + stderrTail;
    if (exit == 128 + 9 || exit == 128 + 15) {
      return VodkitException.transcode(
          "ffmpeg was killed by signal " + (exit - 128) + " (out of memory?): " + stderrTail, true, null);
    }
    if (CRASH_EXITS.contains(exit)) {
      return new MediaRejectedException(
          "ffmpeg crashed on the source (signal " + (exit - 128) + "): " + stderrTail, null);
    }
    if (containsAny(lower, RESOURCE_ERRORS)) {
      return VodkitException.transcode(message, true, null);
    }
    if (containsAny(lower, SETUP_ERRORS)) {
      return new VodkitException(ErrorCode.CONFIGURATION, message, false, null, null);
    }
    if (containsAny(lower, MEDIA_ERRORS)) {
      return new MediaRejectedException("the source could not be decoded: " + message, null);
    }
    return VodkitException.transcode(message, true, null);
  }

  private static boolean containsAny(String text, List<String> phrases) {
    return phrases.stream().anyMatch(text::contains);
  }

  private static double report(ProgressListener listener, double fraction, double reported) {
    if (fraction > reported) {
      listener.onProgress(fraction);
      return fraction;
    }
    return reported;
  }

  private static void readProgress(Process process, FfmpegProgress progress) {
    try (var in = process.getInputStream()) {
      progress.consume(in);
    } catch (IOException e) {
      // ffmpeg was killed; progress no longer matters
    }
  }

  /** Kills ffmpeg (and anything it started) and waits until it is gone, keeping interrupts. */
  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    boolean interrupted = false;
    for (int waited = 0; waited < 3; ) {
      try {
        if (process.waitFor(10, TimeUnit.SECONDS)) {
          break;
        }
        waited++;
        log.warn("ffmpeg (pid {}) has not exited {} s after being killed", process.pid(), waited * 10);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(Thread thread, long millis) {
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
