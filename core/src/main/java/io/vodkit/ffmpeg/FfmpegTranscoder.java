package io.vodkit.ffmpeg;

import io.vodkit.ErrorCode;
import io.vodkit.MediaRejectedException;
import io.vodkit.VodkitException;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.TranscodeRequest;
import io.vodkit.spi.Transcoder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Transcoder}: the local {@code ffmpeg} and {@code ffprobe} binaries (Debian
 * package {@code ffmpeg}, 5.1 or newer).
 *
 * <p>{@link #probe} runs ffprobe restricted to local files and real video containers, with a
 * timeout, and rejects anything that is not a video within the configured limits. {@link
 * #transcode} runs one ffmpeg process per job: a single decode fanned out to every rung (H.264
 * with libx264, H.265 with libx265 tagged {@code hvc1}), AAC-LC stereo 48 kHz audio encoded once
 * as its own {@code audio} rendition, keyframes exactly on segment boundaries, packaged as CMAF
 * fMP4 ({@code init.mp4} + {@code seg_NNNNN.m4s}) per rendition folder; then every rendition is
 * measured from the produced files.
 *
 * <p>Threading: immutable and thread-safe; concurrent calls run independent processes. Each call
 * blocks its thread. Interrupting a thread inside {@link #transcode} kills its ffmpeg and throws
 * {@code CANCELLED} (with the interrupt flag set again). Resources: nothing to close; no process
 * outlives a call. The caller owns {@code request.outputDir()} and deletes it, including partial
 * output after a failure.
 */
public final class FfmpegTranscoder implements Transcoder {
  private static final Logger log = LoggerFactory.getLogger(FfmpegTranscoder.class);
  private static final Set<String> PRESETS =
      Set.of("ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo");
  private static final String INSTALL_HINT =
      "install the Debian/Ubuntu package 'ffmpeg' (apt-get install ffmpeg) or set the paths with FfmpegTranscoder.builder()";

  private final Path ffmpeg;
  private final FfprobeProber prober;
  private final SegmentMeasurer measurer;
  private final LadderCommand.EncoderOptions options;

  private FfmpegTranscoder(Builder b, Path ffmpeg, Path ffprobe) {
    this.ffmpeg = ffmpeg;
    FfprobeRunner runner = new FfprobeRunner(ffprobe, b.probeTimeout);
    this.prober = new FfprobeProber(runner, new SourceLimits(b.maxWidth, b.maxHeight, b.maxPixels, b.maxDuration));
    this.measurer = new SegmentMeasurer(runner);
    this.options = new LadderCommand.EncoderOptions(b.x264Preset, b.encodeThreads);
  }

  /**
   * A transcoder using the {@code ffmpeg} and {@code ffprobe} found on {@code PATH}, with default
   * settings.
   *
   * @throws VodkitException {@code CONFIGURATION} when either is missing
   */
  public static FfmpegTranscoder onPath() {
    return builder().build();
  }

  /** A builder; unset binaries are looked up on {@code PATH} by {@link Builder#build()}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public MediaInfo probe(Path source) {
    Objects.requireNonNull(source, "source");
    return prober.probe(source);
  }

  @Override
  public List<PackagedRendition> transcode(TranscodeRequest request, ProgressListener progress) {
    Objects.requireNonNull(request, "request");
    ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
    LadderCommand command = LadderCommand.build(ffmpeg, request, options);
    createFolders(request.outputDir(), command);
    log.debug("running {}", command.args());
    StreamTail stderr = FfmpegRun.run(command, request.source(), request.media().durationSeconds(), listener);
    if (Thread.currentThread().isInterrupted()) {
      throw new VodkitException(ErrorCode.CANCELLED, "transcode cancelled", false, null, null);
    }
    List<PackagedRendition> produced = measurer.measure(command, request.rungs(), request.audioBitrateKbps());
    checkComplete(request, produced, stderr);
    return produced;
  }

  /**
   * ffmpeg exits 0 on a truncated file whose index is intact (e.g. a faststart MP4 cut short): it
   * encodes what is there. A source that yields much less than the duration it declares is
   * rejected: missing more than max(2 s, 2 %).
   */
  private static void checkComplete(TranscodeRequest request, List<PackagedRendition> produced, StreamTail stderr) {
    MediaInfo media = request.media();
    double encoded = produced.stream().mapToDouble(PackagedRendition::durationSeconds).max().orElse(0);
    double declared = media.durationSeconds();
    double tolerance = Math.max(2.0, declared * 0.02);
    if (encoded + tolerance < declared) {
      String said = stderr.oneLine(800, request.source());
      throw new MediaRejectedException(
          String.format(
              Locale.ROOT,
              "the source appears truncated or damaged: it declares %.1f s but only %.1f s could be decoded%s",
              declared, encoded, said.isEmpty() ? "" : "; ffmpeg said: " + said),
          null);
    }
  }

  private static void createFolders(Path outputDir, LadderCommand command) {
    List<String> names = new ArrayList<>(command.videoNames());
    if (command.audio()) {
      names.add(LadderCommand.AUDIO);
    }
    try {
      for (String name : names) {
        Files.createDirectories(outputDir.resolve(name));
      }
    } catch (IOException e) {
      throw VodkitException.transcode("cannot create output folders under " + outputDir + ": " + e, true, e);
    }
  }

  /** Looks {@code name} up in the directories of a {@code PATH}-style string. */
  static Optional<Path> findOnPath(String name, String pathEnv) {
    if (pathEnv == null || pathEnv.isBlank()) {
      return Optional.empty();
    }
    for (String dir : pathEnv.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Settings of an {@link FfmpegTranscoder}. Not thread-safe; {@link #build()} may be called more
   * than once.
   */
  public static final class Builder {
    private Path ffmpegPath;
    private Path ffprobePath;
    private Duration probeTimeout = Duration.ofSeconds(30);
    private int encodeThreads;
    private String x264Preset = "veryfast";
    private int maxWidth = SourceLimits.DEFAULT.maxWidth();
    private int maxHeight = SourceLimits.DEFAULT.maxHeight();
    private long maxPixels = SourceLimits.DEFAULT.maxPixels();
    private Duration maxDuration = SourceLimits.DEFAULT.maxDuration();
    private String pathEnv = System.getenv("PATH");

    private Builder() {}

    /** The ffmpeg binary; default: {@code ffmpeg} on {@code PATH}. */
    public Builder ffmpegPath(Path ffmpeg) {
      this.ffmpegPath = Objects.requireNonNull(ffmpeg, "ffmpeg");
      return this;
    }

    /** The ffprobe binary; default: {@code ffprobe} on {@code PATH}. */
    public Builder ffprobePath(Path ffprobe) {
      this.ffprobePath = Objects.requireNonNull(ffprobe, "ffprobe");
      return this;
    }

    /** How long ffprobe may take before it is killed; default 30 s. */
    public Builder probeTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("probeTimeout must be positive");
      }
      this.probeTimeout = timeout;
      return this;
    }

    /** Encoder threads per job ({@code -threads}); 0 (default) lets ffmpeg decide. */
    public Builder encodeThreads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException("encodeThreads must be 0 or more");
      }
      this.encodeThreads = threads;
      return this;
    }

    /** x264/x265 preset, {@code ultrafast} … {@code placebo}; default {@code veryfast}. */
    public Builder x264Preset(String preset) {
      if (preset == null || !PRESETS.contains(preset)) {
        throw new IllegalArgumentException("unknown x264 preset " + preset + "; one of " + PRESETS);
      }
      this.x264Preset = preset;
      return this;
    }

    /** Largest accepted display width; default 8192. */
    public Builder maxWidth(int pixels) {
      this.maxWidth = pixels;
      return this;
    }

    /** Largest accepted display height; default 8192. */
    public Builder maxHeight(int pixels) {
      this.maxHeight = pixels;
      return this;
    }

    /** Largest accepted width × height; default 8192 × 4320. */
    public Builder maxPixels(long pixels) {
      this.maxPixels = pixels;
      return this;
    }

    /** Longest accepted source; default 12 hours. */
    public Builder maxDuration(Duration duration) {
      this.maxDuration = duration;
      return this;
    }

    /** For tests: the {@code PATH} to search instead of the environment's. */
    Builder searchPath(String pathEnv) {
      this.pathEnv = pathEnv;
      return this;
    }

    /**
     * Builds the transcoder.
     *
     * @throws VodkitException {@code CONFIGURATION} when ffmpeg or ffprobe is not found or not
     *     executable
     * @throws IllegalArgumentException when a limit is not positive
     */
    public FfmpegTranscoder build() {
      // validates the limits before anything else
      new SourceLimits(maxWidth, maxHeight, maxPixels, maxDuration);
      Path ffmpeg = resolve("ffmpeg", ffmpegPath);
      Path ffprobe = resolve("ffprobe", ffprobePath);
      return new FfmpegTranscoder(this, ffmpeg, ffprobe);
    }

    private Path resolve(String name, Path configured) {
      if (configured != null) {
        if (!Files.isRegularFile(configured) || !Files.isExecutable(configured)) {
          throw VodkitException.configuration(name + " at " + configured + " is not an executable file; " + INSTALL_HINT);
        }
        return configured;
      }
      return findOnPath(name, pathEnv)
          .orElseThrow(
              () -> VodkitException.configuration(name + " was not found on PATH (" + pathEnv + "); " + INSTALL_HINT));
    }
  }
}
