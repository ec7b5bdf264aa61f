package io.vodkit.ffmpeg;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.bramp.ffmpeg.FFmpegException;
import net.bramp.ffmpeg.FFprobe;
import net.bramp.ffmpeg.builder.FFprobeBuilder;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;

/**
 * Runs ffprobe through ffmpeg-cli-wrapper's {@link FFprobe} (argument list, JSON parsed into its
 * {@link FFmpegProbeResult}) with two things the wrapper's default process launcher lacks: a
 * timeout that kills ffprobe, and stderr kept apart from the JSON on stdout (the wrapper merges
 * them) so the log line that says why a file was refused can be reported.
 *
 * <p>A process that dies from a signal is reported as {@link Failure.Kind#CRASHED} with the
 * signal, so a caller can tell an out-of-memory kill (worth a retry) from a crash on the input.
 *
 * <p>Thread-safe: one {@link FFprobe} is shared; the per-call state (working directory, started
 * processes, stderr) lives in a thread-local set for the duration of {@link #run}, because the
 * wrapper calls our {@code ProcessFunction} synchronously on the calling thread.
 */
final class FfprobeRunner {
  private final FFprobe ffprobe;
  private final Duration timeout;
  private final List<String> commandPrefix;
  private final ThreadLocal<Call> current = new ThreadLocal<>();

  /**
   * @param commandPrefix prepended to every command (tests run ffprobe under {@code strace});
   *     normally empty
   */
  FfprobeRunner(Path ffprobePath, Duration timeout, List<String> commandPrefix) {
    this.timeout = timeout;
    this.commandPrefix = List.copyOf(commandPrefix);
    this.ffprobe = new FFprobe(ffprobePath.toString(), this::start);
  }

  /** The outcome of one ffprobe run that did not produce a result. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why ffprobe produced no result. */
    enum Kind {
      /** The binary could not be started or is not ffprobe. */
      NOT_RUNNABLE,
      /** ffprobe ran past the timeout and was killed. */
      TIMED_OUT,
      /** ffprobe refused or could not read the input. */
      REFUSED,
      /** ffprobe died from a signal it did not get from us; see {@link #signal()}. */
      CRASHED
    }

    private final Kind kind;
    private final int signal;

    Failure(Kind kind, String message, Throwable cause) {
      this(kind, 0, message, cause);
    }

    Failure(Kind kind, int signal, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
      this.signal = signal;
    }

    Kind kind() {
      return kind;
    }

    /** The signal that ended ffprobe for {@link Kind#CRASHED} (9 = SIGKILL, 11 = SIGSEGV…), else 0. */
    int signal() {
      return signal;
    }
  }

  /**
   * Runs {@code builder} (input and options already set; {@code -v error} is appended so stderr
   * says why a file is refused) in {@code workingDir} (null: inherit).
   */
  FFmpegProbeResult run(FFprobeBuilder builder, Path workingDir) throws Failure {
    Call call = new Call(workingDir, timeout);
    current.set(call);
    try {
      checkIsFfprobe();
      FFmpegProbeResult result = ffprobe.probe(builder.addExtraArgs("-v", "error"));
      if (call.timedOut) {
        throw call.timeoutFailure(null);
      }
      if (result.getError() != null) {
        throw new Failure(Failure.Kind.REFUSED, said(result.getError().getString(), call), null);
      }
      return result;
    } catch (FFmpegException e) {
      if (call.timedOut) {
        throw call.timeoutFailure(e);
      }
      call.throwIfCrashed(e);
      String reason = e.getError() != null ? e.getError().getString() : e.getMessage();
      throw new Failure(Failure.Kind.REFUSED, said(reason, call), e);
    } catch (IOException | RuntimeException e) {
      if (call.timedOut) {
        throw call.timeoutFailure(e);
      }
      if (call.startFailure != null) {
        throw new Failure(
            Failure.Kind.NOT_RUNNABLE, "cannot run ffprobe at " + ffprobe.getPath() + ": " + e.getMessage(), e);
      }
      call.throwIfCrashed(e);
      // unparseable output (the wrapper's Gson) or an I/O error reading it
      throw new Failure(Failure.Kind.REFUSED, said(String.valueOf(e.getMessage()), call), e);
    } finally {
      current.remove();
      call.finish();
    }
  }

  /**
   * Runs {@code ffprobe -version} once (the wrapper caches it) and fails with {@code NOT_RUNNABLE}
   * unless it is ffprobe; the wrapper's own check would fail with an unhelpful exception.
   */
  private void checkIsFfprobe() throws Failure {
    String version;
    try {
      version = ffprobe.version();
    } catch (IOException | RuntimeException e) {
      throw new Failure(Failure.Kind.NOT_RUNNABLE, "cannot run " + ffprobe.getPath() + " -version: " + e, e);
    }
    if (version == null || !version.startsWith("ffprobe")) {
      throw new Failure(
          Failure.Kind.NOT_RUNNABLE, ffprobe.getPath() + " is not ffprobe (-version says: " + version + ")", null);
    }
  }

  /** The wrapper's {@code ProcessFunction}: starts ffprobe with stderr separate and a kill timer. */
  private Process start(List<String> args) throws IOException {
    Call call = current.get();
    List<String> command = new ArrayList<>(commandPrefix);
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    if (call != null && call.workingDir != null) {
      pb.directory(call.workingDir.toFile());
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      if (call != null) {
        call.startFailure = e;
      }
      throw e;
    }
    p.getOutputStream().close();
    if (call != null) {
      call.track(p);
    }
    return new KeepStreamsOpen(p);
  }

  private static String said(String reason, Call call) {
    String stderr = call.stderrOneLine();
    if (stderr.isEmpty() || stderr.contains(reason)) {
      return stderr.isEmpty() ? reason : stderr;
    }
    return reason + " (" + stderr + ")";
  }

  /** State of one {@link #run}: processes started for it and their stderr. */
  private static final class Call {
    final Path workingDir;
    final List<Process> processes = new ArrayList<>();
    final List<StreamTail> stderr = new ArrayList<>();
    volatile boolean timedOut;
    final Duration timeout;
    IOException startFailure;

    Call(Path workingDir, Duration timeout) {
      this.workingDir = workingDir;
      this.timeout = timeout;
    }

    void track(Process p) {
      processes.add(p);
      stderr.add(StreamTail.start(p.getErrorStream(), 20, "vodkit-ffprobe-stderr"));
      CompletableFuture.runAsync(
          () -> {
            if (p.isAlive()) {
              timedOut = true;
              p.descendants().forEach(ProcessHandle::destroyForcibly);
              p.destroyForcibly();
            }
          },
          CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** A {@code CRASHED} failure when a process of this call died from a signal (exit 128 + n). */
    void throwIfCrashed(Throwable cause) throws Failure {
      for (Process p : processes) {
        try {
          if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() > 128 && p.exitValue() < 160) {
            int signal = p.exitValue() - 128;
            throw new Failure(
                Failure.Kind.CRASHED, signal, "ffprobe was ended by signal " + signal + " (" + stderrOneLine() + ")", cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    Failure timeoutFailure(Throwable cause) {
      return new Failure(
          Failure.Kind.TIMED_OUT, "ffprobe did not finish within " + timeout.toMillis() + " ms and was killed", cause);
    }

    String stderrOneLine() {
      StringBuilder all = new StringBuilder();
      for (StreamTail tail : stderr) {
        String line = tail.awaitEnd(5000).oneLine(800, null); // the process has exited: EOF is near
        if (!line.isEmpty()) {
          all.append(all.length() == 0 ? "" : " | ").append(line);
        }
      }
      return all.toString();
    }

    void finish() {
      for (Process p : processes) {
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      }
    }
  }
}
