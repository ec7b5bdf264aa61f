package io.vodkit.ffmpeg;

import io.vodkit.ErrorCode;
import io.vodkit.MediaRejectedException;
import io.vodkit.VodkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.bramp.ffmpeg.builder.FFprobeBuilder;
import net.bramp.ffmpeg.probe.FFmpegPacket;
import net.bramp.ffmpeg.probe.FFmpegProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes a source with ffprobe locked down by {@link InputGuards}, applies {@link ProbeRules}, and
 * checks the declared duration against the last packets ({@link DurationCheck}); the result is a
 * {@link ProbedSource} or a {@link MediaRejectedException} that says why.
 *
 * <p>Errors: what the file is or holds is a {@link MediaRejectedException} (never retried); a
 * timeout or an ffprobe killed by SIGKILL/SIGTERM (the out-of-memory killer, a shutdown) is a
 * retryable {@code TRANSCODE_FAILED}; ffprobe crashing on the file (SIGSEGV, SIGABRT, SIGBUS,
 * SIGFPE) is a rejection; a missing ffprobe is {@code CONFIGURATION}.
 *
 * <p>Thread-safe; holds no resources.
 */
final class FfprobeProber {
  private static final Logger log = LoggerFactory.getLogger(FfprobeProber.class);
  private static final List<Integer> CRASH_SIGNALS = List.of(4, 6, 7, 8, 11); // ILL, ABRT, BUS, FPE, SEGV

  private final FfprobeRunner runner;
  private final SourceLimits limits;

  FfprobeProber(FfprobeRunner runner, SourceLimits limits) {
    this.runner = runner;
    this.limits = limits;
  }

  SourceLimits limits() {
    return limits;
  }

  /**
   * Probes {@code source} fully: header rules and the duration check, in one ffprobe run (two for
   * a demuxer that cannot seek to its last keyframe).
   */
  ProbedSource probe(Path source) {
    Path file = checkFile(source);
    FFmpegProbeResult result;
    try {
      result = runner.run(headerBuilder(file).setShowPackets(true).addExtraArgs(DurationCheck.END_ARGS.toArray(String[]::new)), null);
    } catch (FfprobeRunner.Failure f) {
      if (f.kind() != FfprobeRunner.Failure.Kind.REFUSED || !f.getMessage().contains("Could not seek")) {
        throw failure(f, file);
      }
      log.debug("{} cannot seek; probing the header alone", file.getFileName());
      return header(file);
    }
    ProbedSource probed = ProbeRules.accept(result, sizeOf(file), limits);
    List<FFmpegPacket> packets = result.getPackets() == null ? List.of() : result.getPackets();
    if (packets.isEmpty()) {
      packets = windowPackets(file, probed);
    }
    if (packets != null) {
      Optional<String> problem =
          DurationCheck.problem(packets, probed.startSeconds(), probed.media().durationSeconds());
      if (problem.isPresent()) {
        throw new MediaRejectedException(problem.get(), null);
      }
    }
    return probed;
  }

  /** The packets of the last seconds before the declared end; null when ffprobe could not tell. */
  private List<FFmpegPacket> windowPackets(Path file, ProbedSource probed) {
    FFprobeBuilder window =
        DurationCheck.window(InputGuards.url(file), limits, probed.startSeconds(), probed.media().durationSeconds());
    try {
      FFmpegProbeResult result = runner.run(window, null);
      return result.getPackets() == null ? List.of() : result.getPackets();
    } catch (FfprobeRunner.Failure f) {
      if (f.kind() == FfprobeRunner.Failure.Kind.NOT_RUNNABLE) {
        throw configuration(f);
      }
      log.debug("duration check of {} inconclusive: {}", file.getFileName(), f.getMessage());
      return null;
    }
  }

  /** Probes {@code source}'s header only: the rules, without the duration check. */
  ProbedSource header(Path source) {
    Path file = checkFile(source);
    FFmpegProbeResult result;
    try {
      result = runner.run(headerBuilder(file), null);
    } catch (FfprobeRunner.Failure f) {
      throw failure(f, file);
    }
    return ProbeRules.accept(result, sizeOf(file), limits);
  }

  private FFprobeBuilder headerBuilder(Path file) {
    return new FFprobeBuilder()
        .setInput(InputGuards.url(file))
        .setShowFormat(true)
        .setShowStreams(true)
        .setShowChapters(false)
        .addExtraArgs(InputGuards.global().toArray(String[]::new))
        .addExtraArgs(InputGuards.input(limits).toArray(String[]::new));
  }

  private Path checkFile(Path source) {
    Path file = source.toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw VodkitException.invalid("source", "source is not a regular file: " + file);
    }
    long size = sizeOf(file);
    if (size == 0) {
      throw VodkitException.mediaRejected("the file is empty");
    }
    if (size > limits.maxSizeBytes()) {
      throw VodkitException.mediaRejected(
          String.format(Locale.ROOT, "the file is %d bytes, larger than the limit of %d", size, limits.maxSizeBytes()));
    }
    return file;
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw VodkitException.transcode("cannot read the size of the source " + file + ": " + e, true, e);
    }
  }

  private static VodkitException failure(FfprobeRunner.Failure f, Path file) {
    return switch (f.kind()) {
      case REFUSED -> new MediaRejectedException(
          "not a video we accept: ffprobe said: " + StreamTail.redact(f.getMessage(), file), f);
      case TIMED_OUT -> VodkitException.transcode(f.getMessage(), true, f);
      case CRASHED -> CRASH_SIGNALS.contains(f.signal())
          ? new MediaRejectedException(
              "ffprobe crashed reading the file (signal " + f.signal() + "): " + StreamTail.redact(f.getMessage(), file), f)
          : VodkitException.transcode(StreamTail.redact(f.getMessage(), file) + " (out of memory? retrying)", true, f);
      case NOT_RUNNABLE -> configuration(f);
    };
  }

  private static VodkitException configuration(Throwable f) {
    return new VodkitException(
        ErrorCode.CONFIGURATION, f.getMessage() + " (install the Debian/Ubuntu package 'ffmpeg')", false, null, f);
  }
}
