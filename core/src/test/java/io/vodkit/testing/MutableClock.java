package io.vodkit.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A test clock that moves only when told to. Thread-safe. Shared with other modules' tests through
 * core's test-jar.
 */
public final class MutableClock implements InstantSource {
  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = start;
  }

  /** A clock standing at {@code instant} (ISO-8601). */
  public static MutableClock at(String instant) {
    return new MutableClock(Instant.parse(instant));
  }

  /** Moves the clock to {@code instant} (ISO-8601). */
  public void set(String instant) {
    now = Instant.parse(instant);
  }

  /** Moves the clock forward by {@code d}. */
  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
