package io.vodkit.views;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds drained log entries into a {@link ViewBatch}: a count per (video, hour) and the viewer
 * hashes per (video, day). Runs on the flusher thread only; allocation here is off the hot path.
 * Not thread-safe.
 */
final class BatchBuilder implements ViewLog.EntryConsumer {
  private static final long HOUR_MILLIS = 3_600_000L;

  private final Map<String, VideoAcc> videos = new HashMap<>();
  private long entries;

  @Override
  public void accept(String videoId, long viewerHash, long hour) {
    videos.computeIfAbsent(videoId, id -> new VideoAcc()).add(viewerHash, hour);
    entries++;
  }

  /** Entries folded so far. */
  long entries() {
    return entries;
  }

  /** The batch under {@code flushId}, videos in no particular order. */
  ViewBatch build(String flushId) {
    List<HourlyViews> views = new ArrayList<>();
    List<DailyViewers> viewers = new ArrayList<>();
    for (Map.Entry<String, VideoAcc> e : videos.entrySet()) {
      e.getValue().emit(e.getKey(), views, viewers);
    }
    return new ViewBatch(flushId, views, viewers, List.of());
  }

  /** One video's hours (usually one or two per interval) and its viewer hashes by day. */
  private static final class VideoAcc {
    private long[] hours = new long[2];
    private long[] counts = new long[2];
    private int hourCount;
    private final Map<Long, LongList> byDay = new HashMap<>(2);

    void add(long viewerHash, long hour) {
      int i = 0;
      while (i < hourCount && hours[i] != hour) {
        i++;
      }
      if (i == hourCount) {
        if (hourCount == hours.length) {
          hours = Arrays.copyOf(hours, hourCount * 2);
          counts = Arrays.copyOf(counts, hourCount * 2);
        }
        hours[i] = hour;
        hourCount++;
      }
      counts[i]++;
      byDay.computeIfAbsent(Math.floorDiv(hour, 24), d -> new LongList()).add(viewerHash);
    }

    void emit(String videoId, List<HourlyViews> views, List<DailyViewers> viewers) {
      for (int i = 0; i < hourCount; i++) {
        views.add(new HourlyViews(videoId, Instant.ofEpochMilli(hours[i] * HOUR_MILLIS), counts[i]));
      }
      for (Map.Entry<Long, LongList> d : byDay.entrySet()) {
        viewers.add(new DailyViewers(videoId, LocalDate.ofEpochDay(d.getKey()), d.getValue().toArray()));
      }
    }
  }

  /** A growable array of longs. */
  private static final class LongList {
    private long[] values = new long[4];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
