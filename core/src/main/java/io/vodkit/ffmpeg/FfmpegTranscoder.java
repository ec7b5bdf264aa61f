package io.vodkit.ffmpeg;

import io.vodkit.ErrorCode;
import io.vodkit.MediaRejectedException;
import io.vodkit.VodkitException;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.PackagedRendition;
import io.vodkit.spi.RungSpec;
import io.vodkit.spi.TranscodeRequest;
import io.vodkit.spi.TranscodeResult;
import io.vodkit.spi.TranscodeResult.RungFailure;
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
 * <p>{@link #probe} runs ffprobe restricted to local files and real video containers, with
 * decoder memory caps and a timeout, rejects anything that is not a video within the configured
 * limits, and checks the declared duration against the file's last packets. {@link #transcode}
 * runs one ffmpeg process per job: a single decode fanned out to every rung (H.264 with libx264,
 * H.265 with libx265 tagged {@code hvc1}), HDR tone-mapped to 8-bit SDR BT.709 once, AAC-LC
 * stereo 48 kHz audio encoded once as its own {@code audio} rendition, keyframes exactly on
 * segment boundaries, packaged as CMAF fMP4 ({@code init.mp4} + {@code seg_NNNNN.m4s}) per
 * rendition folder; then every rendition is measured from the produced files. {@link
 * #transcodeAllowingPartial} lets one rung fail without the others (see there). {@link
 * #thumbnails} writes a poster and a storyboard. Every ffmpeg and ffprobe run reads the source
 * under the same guards ({@code InputGuards}); commands are argument lists, never shell strings.
 *
 * <p>Errors: {@link MediaRejectedException} for what the source is (never retried); retryable
 * {@code TRANSCODE_FAILED} for timeouts, processes killed from outside and resources that ran
 * out; {@code CONFIGURATION} when ffmpeg, ffprobe, an encoder or a filter is missing.
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
  private final List<String> commandPrefix;
  private final FilterSupport filters;
  private final ProbeCache probed = new ProbeCache();

  private FfmpegTranscoder(Builder b, Path ffmpeg, Path ffprobe) {
    this.ffmpeg = ffmpeg;
    this.commandPrefix = List.copyOf(b.commandPrefix);
    FfprobeRunner runner = new FfprobeRunner(ffprobe, b.probeTimeout, commandPrefix);
    this.prober = new FfprobeProber(runner, b.limits());
    this.measurer = new SegmentMeasurer(runner);
    this.options = new LadderCommand.EncoderOptions(b.x264Preset, b.encodeThreads);
    this.filters = new FilterSupport(ffmpeg, commandPrefix);
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

  /** Refuses bytes no whitelisted demuxer would read ({@link ContainerSniffer}). */
  @Override
  public void screen(byte[] firstBytes) {
    Optional<String> rejection = ContainerSniffer.rejection(firstBytes);
    if (rejection.isPresent()) {
      throw new MediaRejectedException(rejection.get(), null);
    }
  }

  @Override
  public MediaInfo probe(Path source) {
    Objects.requireNonNull(source, "source");
    ProbedSource result = prober.probe(source);
    probed.put(source, result);
    return result.media();
  }

  /**
   * {@inheritDoc}
   *
   * <p>What {@link MediaInfo} does not carry (pixel format, colour) comes from the last {@link
   * #probe} of the same file (same path, size, modification time); otherwise the header is probed
   * again first, which also re-applies the acceptance rules to the bytes about to be encoded.
   */
  @Override
  public List<PackagedRendition> transcode(TranscodeRequest request, ProgressListener progress) {
    return run(request, progress, false).renditions();
  }

  /**
   * {@inheritDoc}
   *
   * <p>How: the one-decode ladder command runs first. If it succeeds, every rendition is measured
   * on its own, and a rung whose output cannot be measured, or that holds much less than the
   * others (more than max(2 s, 2 %) shorter), fails alone. If the command itself fails for a
   * reason other than the source (an encoder missing or refusing its settings, a resource that
   * ran out, ffmpeg killed), each rung is encoded again in its own ffmpeg run — the audio first,
   * then the rungs lowest first — so one rung's encoder cannot take the others down; this costs a
   * decode per rung, only on that path. A rejected source, a failed audio track, no rung left, or
   * an interrupt throw as {@link #transcode} does (with no rung left: the ladder command's error).
   */
  @Override
  public TranscodeResult transcodeAllowingPartial(TranscodeRequest request, ProgressListener progress) {
    return run(request, progress, true);
  }

  private TranscodeResult run(TranscodeRequest request, ProgressListener progress, boolean allowPartial) {
    Objects.requireNonNull(request, "request");
    ProgressListener listener = new MonotonicProgress(progress == null ? ProgressListener.NONE : progress);
    SdrConversion sdr = sdrConversion(request.source());
    LadderCommand command = LadderCommand.build(ffmpeg, request, options, prober.limits(), sdr);
    createFolders(request.outputDir(), command);
    log.debug("running {}", command.args());
    StreamTail stderr;
    try {
      stderr = FfmpegRun.run(
          withPrefix(command.args()), command.workingDir(), request.source(), request.media().durationSeconds(),
          listener);
    } catch (VodkitException e) {
      if (!allowPartial || request.rungs().size() < 2 || !aboutOneRungMaybe(e)) {
        throw e;
      }
      log.warn("the ladder command failed ({}); encoding each rung on its own", e.getMessage());
      return rungByRung(request, listener, sdr, e);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new VodkitException(ErrorCode.CANCELLED, "transcode cancelled", false, null, null);
    }
    if (!allowPartial) {
      List<PackagedRendition> produced = measurer.measure(command, request.rungs(), request.audioBitrateKbps());
      checkComplete(request, produced, stderr);
      return TranscodeResult.complete(produced);
    }
    List<PackagedRendition> audio =
        command.audio() ? measurer.measure(command, List.of(), request.audioBitrateKbps()) : List.of();
    List<PackagedRendition> video = new ArrayList<>();
    List<RungFailure> failures = new ArrayList<>();
    for (RungSpec rung : request.rungs()) {
      try {
        video.addAll(measurer.measure(command.videoOnly(), List.of(rung), 0));
      } catch (VodkitException e) {
        failures.add(new RungFailure(rung.name(), e));
      }
    }
    return assemble(request, video, audio, failures, stderr, null);
  }

  /**
   * Whether encoding rung by rung could succeed where the ladder failed: not for a rejected source
   * (every rung would fail the same way) nor a cancellation.
   */
  private static boolean aboutOneRungMaybe(VodkitException e) {
    return e.code() != ErrorCode.MEDIA_REJECTED && e.code() != ErrorCode.CANCELLED;
  }

  /** The fallback after the ladder command failed with {@code ladderError}: one ffmpeg per rung. */
  private TranscodeResult rungByRung(
      TranscodeRequest request, ProgressListener listener, SdrConversion sdr, VodkitException ladderError) {
    List<RungSpec> rungs = request.rungs();
    List<PackagedRendition> audio = List.of();
    if (request.media().hasAudio()) {
      LadderCommand command = LadderCommand.build(ffmpeg, request, List.of(), true, options, prober.limits(), sdr);
      runAlone(request, command, ProgressListener.NONE);
      audio = measurer.measure(command, List.of(), request.audioBitrateKbps());
    }
    List<PackagedRendition> video = new ArrayList<>();
    List<RungFailure> failures = new ArrayList<>();
    StreamTail lastStderr = null;
    for (int i = 0; i < rungs.size(); i++) {
      RungSpec rung = rungs.get(i);
      int done = i;
      LadderCommand command = LadderCommand.build(ffmpeg, request, List.of(rung), false, options, prober.limits(), sdr);
      try {
        lastStderr = runAlone(request, command, f -> listener.onProgress((done + f) / rungs.size()));
        video.addAll(measurer.measure(command, List.of(rung), 0));
      } catch (VodkitException e) {
        if (!aboutOneRungMaybe(e)) {
          throw e;
        }
        log.warn("rung {} failed on its own: {}", rung.name(), e.getMessage());
        failures.add(new RungFailure(rung.name(), e));
      }
    }
    return assemble(request, video, audio, failures, lastStderr, ladderError);
  }

  /** Runs one rung-by-rung command in a clean output folder. */
  private StreamTail runAlone(TranscodeRequest request, LadderCommand command, ProgressListener listener) {
    List<String> names = new ArrayList<>(command.videoNames());
    if (command.audio()) {
      names.add(LadderCommand.AUDIO);
    }
    for (String name : names) {
      deleteRecursively(request.outputDir().resolve(name));
    }
    createFolders(request.outputDir(), command);
    log.debug("running {}", command.args());
    StreamTail stderr =
        FfmpegRun.run(withPrefix(command.args()), command.workingDir(), request.source(),
            request.media().durationSeconds(), listener);
    if (Thread.currentThread().isInterrupted()) {
      throw new VodkitException(ErrorCode.CANCELLED, "transcode cancelled", false, null, null);
    }
    return stderr;
  }

  /**
   * The result from measured renditions: the source must not be truncated (judged on the longest
   * rendition); a rung much shorter than the longest fails alone; no rung left throws {@code
   * noRungError} (or the first rung's error).
   */
  static TranscodeResult assemble(
      TranscodeRequest request, List<PackagedRendition> video, List<PackagedRendition> audio,
      List<RungFailure> failures, StreamTail stderr, VodkitException noRungError) {
    List<PackagedRendition> all = new ArrayList<>(video);
    all.addAll(audio);
    List<RungFailure> failed = new ArrayList<>(failures);
    if (!all.isEmpty() && stderr != null) {
      checkComplete(request, all, stderr);
    }
    double longest = all.stream().mapToDouble(PackagedRendition::durationSeconds).max().orElse(0);
    double tolerance = Math.max(2.0, longest * 0.02);
    List<PackagedRendition> complete = new ArrayList<>();
    for (PackagedRendition r : video) {
      if (r.durationSeconds() + tolerance < longest) {
        failed.add(new RungFailure(r.name(), VodkitException.transcode(String.format(
            Locale.ROOT, "rendition %s holds %.1f s of the %.1f s the others hold", r.name(), r.durationSeconds(),
            longest), true, null)));
      } else {
        complete.add(r);
      }
    }
    if (complete.isEmpty()) {
      throw noRungError != null ? noRungError : failed.get(0).error();
    }
    List<String> order = request.rungs().stream().map(RungSpec::name).toList();
    failed.sort(java.util.Comparator.comparingInt(f -> order.indexOf(f.rung())));
    complete.addAll(audio);
    return new TranscodeResult(complete, failed);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw VodkitException.transcode("cannot clear " + dir + ": " + e, true, e);
    }
  }

  /**
   * Passes on only fractions above the last one passed on, so a rung-by-rung retry (which starts
   * again at 0) never makes progress go backwards.
   */
  private static final class MonotonicProgress implements ProgressListener {
    private final ProgressListener delegate;
    private double last;

    MonotonicProgress(ProgressListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onProgress(double fraction) {
      if (fraction > last) {
        last = fraction;
        delegate.onProgress(fraction);
      }
    }
  }

  /**
   * Writes a poster ({@code thumb.jpg}) and a scrubbing storyboard ({@code storyboard.vtt} + {@code
   * storyboard_NNN.jpg} sprite sheets) for {@code source} into {@code outDir}, in one ffmpeg run
   * that decodes the whole source once (at decode speed, no encoding but small JPEGs). See {@link
   * Thumbnails} for what each file is.
   *
   * <p>Blocks; interrupting the thread kills ffmpeg and throws {@code CANCELLED}. The caller owns
   * {@code outDir} (created if missing) and deletes it, also after a failure.
   *
   * @param source the local source file
   * @param media what {@link #probe} said about it
   * @param outDir where the files go
   * @throws MediaRejectedException when the source cannot be decoded
   * @throws VodkitException {@code TRANSCODE_FAILED} (retryable) when ffmpeg fails otherwise or
   *     produced no picture
   */
  public Thumbnails thumbnails(Path source, MediaInfo media, Path outDir) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(outDir, "outDir");
    SdrConversion sdr = sdrConversion(source);
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw VodkitException.transcode("cannot create " + outDir + ": " + e, true, e);
    }
    ThumbnailCommand command = ThumbnailCommand.build(ffmpeg, source, media, outDir, prober.limits(), sdr);
    log.debug("running {}", command.args());
    FfmpegRun.run(withPrefix(command.args()), outDir, source, media.durationSeconds(), ProgressListener.NONE);
    if (Thread.currentThread().isInterrupted()) {
      throw new VodkitException(ErrorCode.CANCELLED, "thumbnails cancelled", false, null, null);
    }
    return ThumbnailFiles.collect(command, outDir);
  }

  /** {@link #thumbnails}' files, poster first. */
  @Override
  public List<Path> thumbnailFiles(Path source, MediaInfo media, Path outDir) {
    return thumbnails(source, media, outDir).files();
  }

  private SdrConversion sdrConversion(Path source) {
    VideoFacts facts = probed.get(source).orElseGet(() -> prober.header(source)).facts();
    return facts.hdr() || facts.wideGamut() ? SdrConversion.forSource(facts, filters.zscale()) : SdrConversion.NONE;
  }

  private List<String> withPrefix(List<String> args) {
    if (commandPrefix.isEmpty()) {
      return args;
    }
    List<String> all = new ArrayList<>(commandPrefix);
    all.addAll(args);
    return all;
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
    private long maxSizeBytes = SourceLimits.DEFAULT.maxSizeBytes();
    private String pathEnv = System.getenv("PATH");
    private List<String> commandPrefix = List.of();

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

    /** Largest accepted file; default 64 GiB. */
    public Builder maxSizeBytes(long bytes) {
      this.maxSizeBytes = bytes;
      return this;
    }

    /**
     * For tests: a command every ffmpeg and ffprobe run is wrapped in (e.g. {@code strace -f -o
     * log}); its arguments come before the binary.
     */
    Builder commandPrefix(List<String> prefix) {
      this.commandPrefix = List.copyOf(prefix);
      return this;
    }

    private SourceLimits limits() {
      return new SourceLimits(maxWidth, maxHeight, maxPixels, maxDuration, maxSizeBytes);
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
      limits(); // validates the limits before anything else
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
