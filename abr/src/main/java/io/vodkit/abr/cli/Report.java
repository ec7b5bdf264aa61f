package io.vodkit.abr.cli;

import io.vodkit.abr.sim.RuleSummary;
import io.vodkit.abr.sim.SessionResult;
import io.vodkit.abr.sim.SessionStats;
import io.vodkit.abr.sim.SimConfig;
import java.util.List;
import java.util.Locale;

/** Formats {@code abr-sim}'s table and CSV. Immutable. */
final class Report {
  private final CliOptions options;
  private final String videoDescription;
  private final int traceCount;
  private final SimConfig config;

  Report(CliOptions options, String videoDescription, int traceCount, SimConfig config) {
    this.options = options;
    this.videoDescription = videoDescription;
    this.traceCount = traceCount;
    this.config = config;
  }

  /** A Markdown table, one row per rule, with a header saying what was run. */
  String table(List<RuleSummary> summaries, List<List<SessionResult>> byRule) {
    StringBuilder b = new StringBuilder();
    int chunks = byRule.get(0).get(0).chunks().size();
    b.append(
        String.format(
            Locale.ROOT,
            "%d traces from %s; video: %s (%d chunks).%n",
            traceCount,
            options.traceDirs(),
            videoDescription,
            chunks));
    b.append(
        String.format(
            Locale.ROOT,
            "QoE %s per chunk over chunks %d..%d (chunk 1 is start-up, as in Pensieve); buffer cap"
                + " %s s, RTT %s ms, payload %.2f, first chunk at rung %d.%n%n",
            options.qoe().label(),
            config.scoredFromChunk() + 1,
            chunks,
            fmt(config.bufferCapS()),
            fmt(config.rttS() * 1000),
            config.payloadEfficiency(),
            config.firstRung()));
    b.append(
        "| rule | estimator | QoE/chunk | bitrate Mbit/s | rebuffer ratio | stall s/session "
            + "| switches/session | start-up s |\n");
    b.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (int a = 0; a < summaries.size(); a++) {
      RuleSummary s = summaries.get(a);
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.3f | %.3f | %.2f%% | %.2f | %.1f | %.2f |%n",
              s.rule(),
              byRule.get(a).get(0).estimatorName(),
              s.meanQoePerChunk(),
              s.meanBitrateMbps(),
              100 * s.meanRebufferRatio(),
              s.meanStallS(),
              s.meanSwitches(),
              s.meanStartupDelayS()));
    }
    return b.toString();
  }

  /** One row per (rule, trace). */
  String csv(List<RuleSummary> summaries) {
    StringBuilder b =
        new StringBuilder(
            "rule,trace,qoe_total,qoe_per_chunk,mean_bitrate_mbps,stall_s,rebuffer_ratio,switches,startup_s\n");
    for (RuleSummary s : summaries) {
      for (SessionStats t : s.sessions()) {
        b.append(
            String.format(
                Locale.ROOT,
                "%s,%s,%.6f,%.6f,%.6f,%.6f,%.6f,%d,%.6f%n",
                s.rule(),
                t.traceName(),
                t.qoeTotal(),
                t.qoePerChunk(),
                t.meanBitrateMbps(),
                t.stallS(),
                t.rebufferRatio(),
                t.switches(),
                t.startupDelayS()));
      }
    }
    return b.toString();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.2f", v);
  }
}
