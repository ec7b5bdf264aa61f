package io.vodkit.abr.cli;

import io.vodkit.abr.Ladder;
import io.vodkit.abr.io.HlsFormat;
import io.vodkit.abr.io.PensieveFormat;
import io.vodkit.abr.io.SabreFormat;
import io.vodkit.abr.io.TraceFormatException;
import io.vodkit.abr.plot.CdfPlot;
import io.vodkit.abr.plot.SessionPlot;
import io.vodkit.abr.rules.Algorithm;
import io.vodkit.abr.sim.RuleSummary;
import io.vodkit.abr.sim.SessionResult;
import io.vodkit.abr.sim.SessionStats;
import io.vodkit.abr.sim.SimConfig;
import io.vodkit.abr.sim.Simulator;
import io.vodkit.abr.sim.ThroughputTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code abr-sim}: plays every trace of every {@code --traces} folder with every {@code --rules}
 * rule on a thread pool, prints a table per rule, and writes {@code summary.md}, {@code
 * sessions.csv}, one PNG per trace and a QoE CDF into {@code --out}. Run {@code abr-sim --help} for
 * the flags.
 *
 * <p>Exit codes: {@link #EXIT_OK} 0, {@link #EXIT_FAILURE} 1 (unexpected, e.g. the output folder
 * cannot be written), {@link #EXIT_USAGE} 2 (bad command line, unknown rule, HD QoE on a ladder
 * that is not 6 rungs), {@link #EXIT_BAD_INPUT} 3 (missing or malformed trace or video, no traces).
 *
 * <p>Results do not depend on the thread count: every session is independent and deterministic, and
 * results are reported in a fixed order (rules as given, traces by folder then file name).
 */
public final class AbrSim {
  /** Finished. */
  public static final int EXIT_OK = 0;

  /** Something unexpected failed (I/O on the output folder, a bug). */
  public static final int EXIT_FAILURE = 1;

  /** The command line was wrong. */
  public static final int EXIT_USAGE = 2;

  /** A trace or the video could not be read, or no traces were found. */
  public static final int EXIT_BAD_INPUT = 3;

  /** System property naming the repository root, set by {@code abr-sim.sh}. */
  public static final String REPO_ROOT_PROPERTY = "vodkit.repo";

  /** Where the Pensieve chunk sizes are, relative to the repository root. */
  public static final String DEFAULT_VIDEO_SIZES = "../shared/data/abr-traces/pensieve-video-sizes";

  private AbrSim() {}

  /** Runs the command and exits with its code. */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command, printing to {@code out} / {@code err}; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CliOptions options;
    try {
      options = CliOptions.parse(args);
    } catch (UsageException e) {
      err.println("abr-sim: " + e.getMessage());
      err.println(CliOptions.USAGE);
      return EXIT_USAGE;
    }
    if (options.help()) {
      out.println(CliOptions.USAGE);
      return EXIT_OK;
    }
    try {
      return execute(options, out, err);
    } catch (UsageException e) {
      err.println("abr-sim: " + e.getMessage());
      return EXIT_USAGE;
    } catch (TraceFormatException e) {
      err.println("abr-sim: " + e.getMessage());
      return EXIT_BAD_INPUT;
    } catch (UncheckedIOException e) {
      err.println("abr-sim: " + e.getMessage() + ": " + e.getCause().getMessage());
      return EXIT_BAD_INPUT;
    } catch (IOException | RuntimeException | ExecutionException e) {
      err.println("abr-sim: failed: " + e);
      return EXIT_FAILURE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("abr-sim: interrupted");
      return EXIT_FAILURE;
    }
  }

  private static int execute(CliOptions options, PrintStream out, PrintStream err)
      throws UsageException, IOException, InterruptedException, ExecutionException {
    List<Algorithm> algorithms = new ArrayList<>();
    for (String spec : options.rules()) {
      try {
        algorithms.add(Algorithm.named(spec, options.qoe()));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    VideoSource video = loadVideo(options, err);
    if (!options.qoe().supports(video.ladder())) {
      throw new UsageException(
          "--qoe hd needs a 6-rung ladder; this video has " + video.ladder().rungCount());
    }
    List<ThroughputTrace> traces = loadTraces(options.traceDirs(), err);
    SimConfig pensieve = SimConfig.pensieve();

    List<List<SessionResult>> byRule =
        simulate(algorithms, traces, video.ladder(), pensieve, options.threads());
    Report report = new Report(options, video.description(), traces.size(), pensieve);
    List<RuleSummary> summaries = new ArrayList<>();
    for (int a = 0; a < algorithms.size(); a++) {
      List<SessionStats> stats = new ArrayList<>();
      for (SessionResult r : byRule.get(a)) {
        stats.add(SessionStats.of(r, options.qoe(), pensieve.scoredFromChunk()));
      }
      summaries.add(RuleSummary.of(algorithms.get(a).label(), stats));
    }
    String table = report.table(summaries, byRule);
    out.print(table);
    Files.createDirectories(options.outDir());
    Files.writeString(options.outDir().resolve("summary.md"), table, StandardCharsets.UTF_8);
    Files.writeString(
        options.outDir().resolve("sessions.csv"), report.csv(summaries), StandardCharsets.UTF_8);
    if (options.plots()) {
      writePlots(options, traces, byRule, summaries, pensieve);
    }
    out.println("wrote " + options.outDir().toAbsolutePath().normalize());
    return EXIT_OK;
  }

  private record VideoSource(Ladder ladder, String description) {}

  private static VideoSource loadVideo(CliOptions options, PrintStream err) {
    Path video = options.video();
    if (video == null) {
      String root = System.getProperty(REPO_ROOT_PROPERTY, ".");
      Path candidate = Path.of(root).resolve(DEFAULT_VIDEO_SIZES).normalize();
      if (Files.isDirectory(candidate)) {
        video = candidate;
      } else {
        err.println("abr-sim: no " + candidate + "; using constant-bitrate chunk sizes");
        return new VideoSource(
            PensieveFormat.pensieveConstantBitrateVideo(),
            "Pensieve ladder, constant-bitrate chunk sizes");
      }
    }
    if (Files.isDirectory(video)) {
      return new VideoSource(
          PensieveFormat.readPensieveVideo(video), "Pensieve chunk sizes from " + video);
    }
    if (Files.isRegularFile(video) && video.getFileName().toString().endsWith(".m3u8")) {
      Ladder ladder = HlsFormat.readVideo(video);
      return new VideoSource(ladder, "HLS " + video + " (" + kbps(ladder) + " kbps BANDWIDTH)");
    }
    if (Files.isRegularFile(video)) {
      return new VideoSource(SabreFormat.readManifest(video), "Sabre manifest " + video);
    }
    throw new TraceFormatException(video + ": no such video folder or manifest");
  }

  private static String kbps(Ladder ladder) {
    StringBuilder b = new StringBuilder();
    for (long bps : ladder.bitratesBps()) {
      b.append(b.length() == 0 ? "" : "/").append(Math.round(bps / 1000.0));
    }
    return b.toString();
  }

  private static List<ThroughputTrace> loadTraces(List<Path> dirs, PrintStream err) {
    List<ThroughputTrace> traces = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        throw new TraceFormatException(dir + ": not a folder of traces");
      }
      List<Path> files;
      try (Stream<Path> listing = Files.list(dir)) {
        files =
            listing
                .filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted()
                .toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
      for (Path file : files) {
        ThroughputTrace trace;
        if (file.getFileName().toString().endsWith(".json")) {
          if (!SabreFormat.isNetworkTrace(file)) {
            err.println(
                "abr-sim: skipping " + file + " (a JSON object, not a Sabre network trace)");
            continue;
          }
          trace = SabreFormat.readNetwork(file);
        } else {
          trace = PensieveFormat.readTrace(file);
        }
        if (!names.add(trace.name())) {
          throw new TraceFormatException(
              file + ": another folder already has a trace named " + trace.name());
        }
        traces.add(trace);
      }
    }
    if (traces.isEmpty()) {
      throw new TraceFormatException("no traces found in " + dirs);
    }
    return traces;
  }

  /** Sessions by rule, each list in trace order. */
  private static List<List<SessionResult>> simulate(
      List<Algorithm> algorithms,
      List<ThroughputTrace> traces,
      Ladder ladder,
      SimConfig pensieve,
      int threads)
      throws InterruptedException, ExecutionException {
    // Sabre traces carry their own latency and have no packet overhead.
    Simulator pensieveSim = new Simulator(pensieve);
    Simulator sabreSim = new Simulator(pensieve.withPayloadEfficiency(1.0));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<List<Future<SessionResult>>> futures = new ArrayList<>();
      for (Algorithm algorithm : algorithms) {
        List<Future<SessionResult>> row = new ArrayList<>();
        for (ThroughputTrace trace : traces) {
          Simulator sim = trace.hasLatency() ? sabreSim : pensieveSim;
          Callable<SessionResult> task =
              () -> sim.play(ladder, trace, algorithm.newRule(), algorithm.newEstimator());
          row.add(pool.submit(task));
        }
        futures.add(row);
      }
      List<List<SessionResult>> results = new ArrayList<>();
      for (List<Future<SessionResult>> row : futures) {
        List<SessionResult> done = new ArrayList<>();
        for (Future<SessionResult> f : row) {
          done.add(f.get());
        }
        results.add(done);
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void writePlots(
      CliOptions options,
      List<ThroughputTrace> traces,
      List<List<SessionResult>> byRule,
      List<RuleSummary> summaries,
      SimConfig config)
      throws IOException, InterruptedException, ExecutionException {
    Path plots = options.outDir().resolve("plots");
    Files.createDirectories(plots);
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    try {
      List<Future<Void>> jobs = new ArrayList<>();
      for (int t = 0; t < traces.size(); t++) {
        ThroughputTrace trace = traces.get(t);
        List<SessionResult> sessions = new ArrayList<>();
        List<Double> qoe = new ArrayList<>();
        for (int a = 0; a < byRule.size(); a++) {
          sessions.add(byRule.get(a).get(t));
          qoe.add(summaries.get(a).sessions().get(t).qoePerChunk());
        }
        Path file = plots.resolve(safeFileName(trace.name()) + ".png");
        jobs.add(
            pool.submit(
                () -> {
                  SessionPlot.write(
                      trace, sessions, qoe, options.qoe().label(), config.bufferCapS(), file);
                  return null;
                }));
      }
      for (Future<Void> job : jobs) {
        job.get();
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, List<Double>> byName = new LinkedHashMap<>();
    for (RuleSummary s : summaries) {
      byName.put(s.rule(), s.sessions().stream().map(SessionStats::qoePerChunk).toList());
    }
    CdfPlot.write(
        "CDF of per-trace QoE (" + options.qoe().label() + ")",
        "QoE per chunk, "
            + options.qoe().label()
            + " (chunks 2.."
            + byRule.get(0).get(0).chunks().size()
            + ")",
        byName,
        options.outDir().resolve("qoe-cdf.png"));
  }

  static String safeFileName(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
