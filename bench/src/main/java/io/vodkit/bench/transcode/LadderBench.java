package io.vodkit.bench.transcode;

import io.vodkit.Ladder;
import io.vodkit.ffmpeg.FfmpegTranscoder;
import io.vodkit.spi.MediaInfo;
import io.vodkit.spi.RungSpec;
import io.vodkit.spi.TranscodeRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How long {@link FfmpegTranscoder} takes to encode the 360p/720p/1080p ladder of a generated
 * 1080p30, 30 s source, as ratios against hand-written ffmpeg commands run in the same process,
 * on the same machine, interleaved: (a) ONE ffmpeg that decodes once and encodes the same three
 * rungs with the same x264 settings to plain MP4s, and (b) three separate ffmpeg passes. Goals:
 * ladder/(a) ≤ 1.10 (packaging as CMAF, keyframe forcing and measuring the output cost little),
 * ladder/(b) &lt; 1.0 (decoding once pays). Also: the thumbnails pass as a share of the ladder,
 * the peak RSS of ffmpeg for each variant and of this JVM.
 *
 * <p>Run (the source is generated once into {@code bench/target/ladder-bench/}):
 *
 * <pre>
 * ./scripts/dev-mvn.sh -o -q install -pl bench
 * JAVA_TOOL_OPTIONS=-Xmx256m ./bench/run.sh transcode.LadderBench [repetitions, default 3]
 * </pre>
 *
 * <p>Each repetition runs every variant once, in a rotated order so that a drift in machine load
 * does not always hit the same variant; medians are reported. Not thread-safe; a main program.
 */
public final class LadderBench {
  private static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
  private static final Path DIR = Path.of("bench/target/ladder-bench");
  private static final String LADDER = "vodkit ladder (one ffmpeg, CMAF)";
  private static final String ONE_PASS = "(a) one ffmpeg, split, mp4";
  private static final String SEPARATE = "(b) three ffmpeg passes, mp4";
  private static final String THUMBS = "thumbnails (poster + storyboard)";

  private LadderBench() {}

  /**
   * Runs the benchmark and prints the figures.
   *
   * @param args optional number of repetitions (default 3)
   */
  public static void main(String[] args) throws Exception {
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Files.createDirectories(DIR);
    Path source = source();
    FfmpegTranscoder transcoder = FfmpegTranscoder.builder().ffmpegPath(FFMPEG).build();
    MediaInfo media = transcoder.probe(source);
    List<RungSpec> rungs = Ladder.DEFAULT.plan(media);
    if (!rungs.stream().map(RungSpec::name).toList().equals(List.of("360p", "720p", "1080p"))) {
      throw new IllegalStateException("expected the 360p/720p/1080p ladder, planned " + rungs);
    }
    String loadBefore = loadAverage();
    Map<String, List<Double>> seconds = new LinkedHashMap<>();
    Map<String, Long> peakKib = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    List<String> order = new ArrayList<>(List.of(LADDER, ONE_PASS, SEPARATE, THUMBS));
    for (int rep = 0; rep < repetitions; rep++) {
      for (String variant : order) {
        Path out = Files.createDirectories(DIR.resolve("out-" + variant.hashCode()));
        try (PeakRss rss = PeakRss.watchFfmpeg()) {
          long start = System.nanoTime();
          run(variant, transcoder, source, media, rungs, out);
          seconds.computeIfAbsent(variant, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e9);
          peakKib.merge(variant, rss.ffmpegPeakKib(), Math::max);
          rss.close();
          cpu.computeIfAbsent(variant, k -> new ArrayList<>()).add(rss.childCpuSeconds());
        } finally {
          deleteRecursively(out);
        }
        System.out.printf(
            Locale.ROOT, "rep %d %-36s %7.2f s wall %7.2f s cpu (load %s)%n", rep + 1, variant,
            last(seconds.get(variant)), last(cpu.get(variant)), loadAverage());
      }
      order.add(order.remove(0)); // rotate
    }
    report(media, repetitions, seconds, cpu, peakKib, loadBefore, loadAverage());
  }

  private static void run(
      String variant, FfmpegTranscoder transcoder, Path source, MediaInfo media, List<RungSpec> rungs, Path out)
      throws IOException, InterruptedException {
    switch (variant) {
      case LADDER -> transcoder.transcode(
          new TranscodeRequest(source, media, rungs, 128, Duration.ofSeconds(4), out.resolve("ladder")), null);
      case ONE_PASS -> exec(ReferenceCommands.onePass(FFMPEG, source, out), out);
      case SEPARATE -> {
        for (List<String> pass : ReferenceCommands.separatePasses(FFMPEG, source, out)) {
          exec(pass, out);
        }
      }
      case THUMBS -> transcoder.thumbnails(source, media, out.resolve("thumbs"));
      default -> throw new IllegalArgumentException(variant);
    }
  }

  private static void report(
      MediaInfo media, int repetitions, Map<String, List<Double>> seconds, Map<String, List<Double>> cpu,
      Map<String, Long> peakKib, String loadBefore, String loadAfter) {
    double ladder = median(seconds.get(LADDER));
    double ladderCpu = median(cpu.get(LADDER));
    System.out.printf(
        Locale.ROOT, "%nLadderBench: %dx%d %.0f fps %.0f s source at %.1f Mbps; rungs 360p/720p/1080p H.264 veryfast + AAC; "
            + "%d repetitions; %d CPUs%n",
        media.width(), media.height(), media.frameRate(), media.durationSeconds(), media.bitrateBps() / 1e6, repetitions,
        Runtime.getRuntime().availableProcessors());
    System.out.printf("load average before: %s; after: %s%n", loadBefore, loadAfter);
    System.out.printf(
        Locale.ROOT, "%-36s %8s %8s %8s %8s  %-24s %s%n", "variant", "wall s", "ladder/x", "cpu s", "ladder/x",
        "wall runs s", "ffmpeg peak RSS");
    for (Map.Entry<String, List<Double>> e : seconds.entrySet()) {
      double m = median(e.getValue());
      double c = median(cpu.get(e.getKey()));
      System.out.printf(
          Locale.ROOT, "%-36s %8.2f %8.3f %8.2f %8.3f  %-24s %d MiB%n", e.getKey(), m, ladder / m, c, ladderCpu / c,
          e.getValue().stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).collect(Collectors.joining(" ")),
          peakKib.get(e.getKey()) / 1024);
    }
    System.out.printf(
        Locale.ROOT, "wall: ladder/(a) = %.3f (goal <= 1.10); ladder/(b) = %.3f (goal < 1.0); thumbnails/ladder = %.3f%n",
        ladder / median(seconds.get(ONE_PASS)), ladder / median(seconds.get(SEPARATE)),
        median(seconds.get(THUMBS)) / ladder);
    System.out.printf(
        Locale.ROOT, "cpu:  ladder/(a) = %.3f; ladder/(b) = %.3f; thumbnails/ladder = %.3f%n",
        ladderCpu / median(cpu.get(ONE_PASS)), ladderCpu / median(cpu.get(SEPARATE)), median(cpu.get(THUMBS)) / ladderCpu);
    long heapPeak =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    System.out.printf(
        Locale.ROOT, "JVM: max heap %d MiB (goal: runs in 256), peak heap used %d MiB, VmHWM %d MiB%n",
        Runtime.getRuntime().maxMemory() >> 20, heapPeak >> 20, PeakRss.selfPeakKib() / 1024);
  }

  /**
   * The 1080p30 30 s source: moving test pattern with temporal noise (so x264 has work), at about
   * 12 Mbps like a phone upload, and a 440 Hz tone.
   */
  private static Path source() throws IOException, InterruptedException {
    Path source = DIR.resolve("source-1080p30-30s.mp4");
    if (!Files.isRegularFile(source)) {
      System.out.println("generating " + source + " (once)");
      Path tmp = DIR.resolve("source.tmp.mp4");
      exec(List.of(
          FFMPEG.toString(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
          "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=30",
          "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=30",
          "-vf", "noise=alls=8:allf=t", "-c:v", "libx264", "-preset", "veryfast", "-b:v", "12M", "-maxrate", "15M",
          "-bufsize", "24M", "-pix_fmt", "yuv420p",
          "-c:a", "aac", "-b:a", "128k", tmp.toString()), DIR);
      Files.move(tmp, source);
    }
    return source;
  }

  private static void exec(List<String> command, Path dir) throws IOException, InterruptedException {
    Path log = dir.resolve("ffmpeg-stderr.txt");
    Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(log.toFile()).start();
    if (p.waitFor() != 0) {
      throw new IOException("ffmpeg failed (" + p.exitValue() + "): " + Files.readString(log));
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double last(List<Double> values) {
    return values.get(values.size() - 1);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
