package io.vodkit.views;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * A small time-bounded cache of read figures (flushed totals change once a flush interval, so
 * request threads need not ask the store every time). Entries live {@code ttl}; past {@value
 * #MAX_ENTRIES} entries the cache is emptied rather than tracked per entry. Thread-safe; two
 * threads missing the same key at once may both load it.
 */
final class ReadCache {
  private static final int MAX_ENTRIES = 100_000;

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final long ttlMillis;
  private final InstantSource clock;

  ReadCache(Duration ttl, InstantSource clock) {
    this.ttlMillis = ttl.toMillis();
    this.clock = clock;
  }

  long get(String key, ToLongFunction<String> loader) {
    if (ttlMillis <= 0) {
      return loader.applyAsLong(key);
    }
    long now = clock.millis();
    Entry e = entries.get(key);
    if (e != null && now < e.expiresAt) {
      return e.value;
    }
    long value = loader.applyAsLong(key);
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key, new Entry(value, now + ttlMillis));
    return value;
  }

  void clear() {
    entries.clear();
  }

  private record Entry(long value, long expiresAt) {}
}
