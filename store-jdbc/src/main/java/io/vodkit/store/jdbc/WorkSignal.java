package io.vodkit.store.jdbc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes threads waiting for work in this process. A signal wakes every thread waiting at that
 * moment; a signal that finds nobody waiting is kept as one permit for the next waiter, so a
 * wake-up that lands between a worker's empty claim and its wait is not lost. Waiters may wake
 * without new work (another worker took it); they claim and wait again. Thread-safe.
 */
final class WorkSignal {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long signals;
  private int waiting;
  private boolean permit;

  /** Wakes the current waiters, or leaves a permit for the next one. */
  void signal() {
    lock.lock();
    try {
      signals++;
      if (waiting == 0) {
        permit = true;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code max} for a signal; true if one came (or a permit was waiting). */
  boolean await(Duration max) throws InterruptedException {
    lock.lock();
    try {
      if (permit) {
        permit = false;
        return true;
      }
      long seen = signals;
      long nanos = max.isNegative() ? 0 : saturatedNanos(max);
      waiting++;
      try {
        while (signals == seen) {
          if (nanos <= 0) {
            return false;
          }
          nanos = changed.awaitNanos(nanos);
        }
        return true;
      } finally {
        waiting--;
      }
    } finally {
      lock.unlock();
    }
  }

  private static long saturatedNanos(Duration d) {
    return d.compareTo(Duration.ofDays(365)) > 0
        ? TimeUnit.DAYS.toNanos(365)
        : d.toNanos();
  }
}
