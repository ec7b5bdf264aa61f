package io.vodkit.dash;

import io.vodkit.spi.Segment;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code SegmentTimeline} of one Representation: runs of equal segment durations in ticks.
 *
 * <p>Segment boundaries are rounded to the timescale from the running total of the measured
 * durations, not segment by segment, so rounding never accumulates: the timeline ends at the
 * rendition's duration rounded to one tick, and every segment starts within half a tick of its
 * measured start.
 *
 * @param runs {@code S} elements in order
 */
record SegmentTimeline(List<Run> runs) {
  /**
   * One {@code S} element: {@code repeat + 1} consecutive segments of {@code duration} ticks.
   *
   * @param duration {@code @d}
   * @param repeat {@code @r}, 0 for a single segment
   */
  record Run(long duration, int repeat) {}

  SegmentTimeline {
    runs = List.copyOf(runs);
  }

  /** The timeline of {@code segments} at {@code timescale} ticks per second. */
  static SegmentTimeline of(List<Segment> segments, long timescale) {
    List<Run> runs = new ArrayList<>();
    double elapsedSeconds = 0;
    long previousEnd = 0;
    for (Segment s : segments) {
      if (!(s.durationSeconds() >= 0) || Double.isInfinite(s.durationSeconds())) {
        throw new IllegalArgumentException(
            "segment " + s.fileName() + " has a bad duration " + s.durationSeconds());
      }
      elapsedSeconds += s.durationSeconds();
      long end = Math.round(elapsedSeconds * timescale);
      long duration = end - previousEnd;
      previousEnd = end;
      int last = runs.size() - 1;
      if (last >= 0 && runs.get(last).duration() == duration) {
        runs.set(last, new Run(duration, runs.get(last).repeat() + 1));
      } else {
        runs.add(new Run(duration, 0));
      }
    }
    return new SegmentTimeline(runs);
  }

  /** Sum of all segment durations, in ticks. */
  long totalTicks() {
    return runs.stream().mapToLong(r -> r.duration() * (r.repeat() + 1L)).sum();
  }

  /** Number of segments described. */
  int segmentCount() {
    return runs.stream().mapToInt(r -> r.repeat() + 1).sum();
  }
}
