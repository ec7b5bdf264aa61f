package io.vodkit.storage.fs;

import java.io.InterruptedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * One shared link of a given rate: every response body the origin sends draws from it, so
 * concurrent downloads split the bandwidth as they would on a real network path. Bytes are paced
 * (each chunk waits for its slot) with no burst credit carried over idle time. A rate of 0 turns
 * pacing off. The rate can change at any time; thread-safe.
 */
final class Throttle {
  /** Chunk size while pacing: small enough for smooth pacing at a few hundred kbit/s. */
  static final int CHUNK_BYTES = 16 * 1024;

  private volatile long bytesPerSecond;
  private long nextFreeNanos;

  Throttle(long bytesPerSecond) {
    set(bytesPerSecond);
  }

  void set(long bytesPerSecond) {
    if (bytesPerSecond < 0) {
      throw new IllegalArgumentException("throttle must be >= 0 bytes/s (0 = off), was " + bytesPerSecond);
    }
    this.bytesPerSecond = bytesPerSecond;
  }

  long bytesPerSecond() {
    return bytesPerSecond;
  }

  boolean isOn() {
    return bytesPerSecond > 0;
  }

  /** Blocks until {@code bytes} more may be sent. */
  void acquire(int bytes) throws InterruptedIOException {
    long rate = bytesPerSecond;
    if (rate <= 0) {
      return;
    }
    long wakeAt;
    synchronized (this) {
      long now = System.nanoTime();
      if (nextFreeNanos - now < 0) {
        nextFreeNanos = now;
      }
      nextFreeNanos += bytes * 1_000_000_000L / rate;
      wakeAt = nextFreeNanos;
    }
    for (long wait; (wait = wakeAt - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(wait);
      if (Thread.interrupted()) {
        throw new InterruptedIOException("throttled send interrupted");
      }
    }
  }
}
