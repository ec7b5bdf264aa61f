package io.vodkit.examples.cli;

import java.util.concurrent.TimeUnit;

/**
 * Caps the average upload rate at part granularity: a part of {@code n} bytes may start only
 * {@code n / rate} after the previous reservation, so over the upload the bytes sent never run
 * ahead of {@code rate}. Thread-safe.
 */
final class RateLimiter {
  private final double bytesPerNano;
  private long nextFreeNanos = Long.MIN_VALUE;

  /** A limiter allowing {@code bytesPerSecond} on average (> 0). */
  RateLimiter(double bytesPerSecond) {
    if (!(bytesPerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, was " + bytesPerSecond);
    }
    this.bytesPerNano = bytesPerSecond / 1e9;
  }

  /** Blocks until {@code bytes} more may be sent. */
  void acquire(long bytes) throws InterruptedException {
    long wait = reserve(bytes, System.nanoTime());
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** Books {@code bytes} at {@code nowNanos}; returns how long the caller must wait first. */
  synchronized long reserve(long bytes, long nowNanos) {
    long start = Math.max(nowNanos, nextFreeNanos);
    nextFreeNanos = start + (long) (bytes / bytesPerNano);
    return start - nowNanos;
  }
}
