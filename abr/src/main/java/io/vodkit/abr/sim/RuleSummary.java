package io.vodkit.abr.sim;

import java.util.List;

/**
 * One rule's results over many traces: means of {@link SessionStats}, each trace weighing the same
 * (as Pensieve averages per-trace scores).
 *
 * @param rule rule label
 * @param sessions the per-trace statistics, in trace order
 * @param meanQoePerChunk mean of per-trace QoE per chunk
 * @param meanBitrateMbps mean of per-trace mean bitrate
 * @param meanRebufferRatio mean of per-trace rebuffer ratio
 * @param meanStallS mean stall per session, seconds
 * @param meanSwitches mean switches per session
 * @param meanStartupDelayS mean start-up delay, seconds
 */
public record RuleSummary(
    String rule,
    List<SessionStats> sessions,
    double meanQoePerChunk,
    double meanBitrateMbps,
    double meanRebufferRatio,
    double meanStallS,
    double meanSwitches,
    double meanStartupDelayS) {

  /** Averages {@code sessions} (at least one). */
  public static RuleSummary of(String rule, List<SessionStats> sessions) {
    if (sessions.isEmpty()) {
      throw new IllegalArgumentException("no sessions for " + rule);
    }
    double n = sessions.size();
    return new RuleSummary(
        rule,
        List.copyOf(sessions),
        sessions.stream().mapToDouble(SessionStats::qoePerChunk).sum() / n,
        sessions.stream().mapToDouble(SessionStats::meanBitrateMbps).sum() / n,
        sessions.stream().mapToDouble(SessionStats::rebufferRatio).sum() / n,
        sessions.stream().mapToDouble(SessionStats::stallS).sum() / n,
        sessions.stream().mapToDouble(SessionStats::switches).sum() / n,
        sessions.stream().mapToDouble(SessionStats::startupDelayS).sum() / n);
  }
}
