package io.vodkit.abr.cli;

import io.vodkit.abr.PensieveQoe;
import io.vodkit.abr.rules.Algorithm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parsed {@code abr-sim} flags. Immutable.
 *
 * @param traceDirs folders of traces ({@code --traces}, repeatable)
 * @param rules rule specs ({@code --rules}, comma-separated, each {@code name[@estimator]})
 * @param outDir where tables and plots go ({@code --out})
 * @param qoe the QoE metric ({@code --qoe})
 * @param video chunk sizes: a Pensieve size folder, a Sabre manifest or an HLS master playlist, or
 *     null for the default
 * @param threads worker threads
 * @param plots whether to draw PNGs
 * @param help whether {@code --help} was given
 */
record CliOptions(
    List<Path> traceDirs,
    List<String> rules,
    Path outDir,
    PensieveQoe qoe,
    Path video,
    int threads,
    boolean plots,
    boolean help) {

  static final String USAGE =
      String.join(
          "\n",
          "Usage: abr-sim --traces DIR [--traces DIR ...] [--rules a,b,c] [--out DIR]",
          "               [--qoe linear|log|hd] [--video DIR|FILE.json|FILE.m3u8] [--threads N]",
          "               [--no-plots]",
          "",
          "Plays every trace in every DIR with every rule in Pensieve's set-up (60 s buffer,",
          "80 ms RTT, 0.95 payload, first chunk at rung 1), prints a table per rule and writes",
          "OUT/summary.md, OUT/sessions.csv, OUT/plots/TRACE.png and OUT/qoe-cdf.png.",
          "",
          "  --traces DIR   Pensieve text traces (time_s Mbps) and/or Sabre network .json files",
          "  --rules LIST   from " + String.join(", ", Algorithm.NAMES) + " (default: all);",
          "                 NAME@EST swaps the estimator: latest, ewma, ewma-dashjs, harmonic,"
              + " percentile",
          "  --out DIR      output folder (default: abr-sim-out)",
          "  --qoe KIND     linear (default), log or hd (Pensieve's definitions)",
          "  --video PATH   the video: a Pensieve video_size_N folder, a Sabre manifest .json,",
          "                 or an HLS master playlist .m3u8 on disk, e.g. a vodkit video's",
          "                 manifest.m3u8 (BANDWIDTH as bitrates, segment file sizes, audio",
          "                 segments added). Default: Pensieve's video (48 chunks of 4 s,",
          "                 300..4300 kbps) with the sizes in",
          "                 ../shared/data/abr-traces/pensieve-video-sizes if present, else",
          "                 constant-bitrate chunks",
          "  --threads N    worker threads (default: available processors)",
          "  --no-plots     skip the PNGs",
          "  --help         this text",
          "",
          "Exit codes: 0 done; 1 unexpected failure (e.g. cannot write OUT); 2 bad command line;",
          "3 unusable input (missing or malformed trace or video, no traces found).");

  static CliOptions parse(String[] args) throws UsageException {
    List<Path> traces = new ArrayList<>();
    List<String> rules = new ArrayList<>(Algorithm.NAMES);
    Path out = Path.of("abr-sim-out");
    PensieveQoe qoe = PensieveQoe.LINEAR;
    Path video = null;
    int threads = Runtime.getRuntime().availableProcessors();
    boolean plots = true;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--help":
        case "-h":
          help = true;
          break;
        case "--no-plots":
          plots = false;
          break;
        case "--traces":
          traces.add(Path.of(value(args, ++i, flag)));
          break;
        case "--rules":
          rules =
              Arrays.stream(value(args, ++i, flag).split(","))
                  .map(String::trim)
                  .filter(s -> !s.isEmpty())
                  .toList();
          if (rules.isEmpty()) {
            throw new UsageException("--rules needs at least one rule");
          }
          break;
        case "--out":
          out = Path.of(value(args, ++i, flag));
          break;
        case "--qoe":
          String kind = value(args, ++i, flag);
          try {
            qoe = PensieveQoe.parse(kind);
          } catch (IllegalArgumentException e) {
            throw new UsageException("--qoe must be linear, log or hd, not '" + kind + "'");
          }
          break;
        case "--video":
          video = Path.of(value(args, ++i, flag));
          break;
        case "--threads":
          String n = value(args, ++i, flag);
          try {
            threads = Integer.parseInt(n);
          } catch (NumberFormatException e) {
            threads = 0;
          }
          if (threads < 1) {
            throw new UsageException("--threads needs a positive integer, not '" + n + "'");
          }
          break;
        default:
          throw new UsageException("unknown argument '" + flag + "'");
      }
    }
    if (!help && traces.isEmpty()) {
      throw new UsageException("give at least one --traces DIR");
    }
    return new CliOptions(
        List.copyOf(traces), List.copyOf(rules), out, qoe, video, threads, plots, help);
  }

  private static String value(String[] args, int i, String flag) throws UsageException {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(flag + " needs a value");
    }
    return args[i];
  }
}
