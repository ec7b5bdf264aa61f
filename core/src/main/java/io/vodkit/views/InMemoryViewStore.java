package io.vodkit.views;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link ViewStore} in this process's memory, with the same semantics as the SQL store
 * (idempotent flush ids, hourly buckets, one unique-viewer sketch per video and day, largest
 * estimate wins). Nothing survives the process. For tests, demos and benchmarks.
 *
 * <p>Thread-safe: every method holds the store's monitor, which is fine at flush rates.
 */
public final class InMemoryViewStore implements ViewStore {
  private final Set<String> applied = new HashSet<>();
  private final Map<String, Long> totals = new HashMap<>();
  private final Map<String, NavigableMap<Instant, Long>> hours = new HashMap<>();
  private final Map<String, ViewerSketch> sketches = new HashMap<>();
  private final Map<String, Long> estimates = new HashMap<>();

  @Override
  public synchronized boolean apply(ViewBatch batch) {
    if (!applied.add(batch.flushId())) {
      return false;
    }
    for (HourlyViews v : batch.views()) {
      totals.merge(v.videoId(), v.views(), Long::sum);
      hours.computeIfAbsent(v.videoId(), id -> new TreeMap<>()).merge(v.hourStart(), v.views(), Long::sum);
    }
    for (DailyViewers d : batch.viewers()) {
      String key = dayKey(d.videoId(), d.day());
      ViewerSketch sketch = sketches.computeIfAbsent(key, k -> ViewerSketch.empty());
      sketch.addAll(d.viewerHashes());
      estimates.merge(key, sketch.estimate(), Math::max);
    }
    for (DailyUniques u : batch.uniques()) {
      estimates.merge(dayKey(u.videoId(), u.day()), u.viewers(), Math::max);
    }
    return true;
  }

  @Override
  public synchronized void forget(String videoId) {
    totals.remove(videoId);
    hours.remove(videoId);
    sketches.keySet().removeIf(k -> k.startsWith(videoId + "/"));
    estimates.keySet().removeIf(k -> k.startsWith(videoId + "/"));
  }

  @Override
  public synchronized boolean isApplied(String flushId) {
    return applied.contains(flushId);
  }

  @Override
  public synchronized long views(String videoId) {
    return totals.getOrDefault(videoId, 0L);
  }

  @Override
  public synchronized long viewsSince(String videoId, Instant since) {
    NavigableMap<Instant, Long> byHour = hours.get(videoId);
    if (byHour == null) {
      return 0;
    }
    long n = 0;
    for (long v : byHour.tailMap(since, true).values()) {
      n += v;
    }
    return n;
  }

  @Override
  public synchronized long uniqueViewers(String videoId, LocalDate day) {
    return estimates.getOrDefault(dayKey(videoId, day), 0L);
  }

  private static String dayKey(String videoId, LocalDate day) {
    return videoId + '/' + day;
  }
}
