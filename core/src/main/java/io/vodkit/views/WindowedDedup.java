package io.vodkit.views;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * "Has this (video, viewer) pair already counted in this window?" for fixed, epoch-aligned
 * windows ({@code window = floor(epochMillis / windowMillis)}). Holds the current and the previous
 * window, one {@link FingerprintSet} each, in two slots picked by the window's parity; the set of
 * window {@code w} is replaced by that of {@code w + 2} when the first event of {@code w + 2}
 * arrives, so memory is bounded by two windows. A new window's set starts at twice the size the
 * other window reached, so the hour boundary does not set off a cascade of doublings.
 *
 * <p>An event stamped older than both windows held (only after the clock jumped back by more than
 * a window) is reported as already counted, i.e. dropped. Lock-free and thread-safe; the only
 * allocation is one set per window.
 */
final class WindowedDedup {
  private static final int MIN_CAPACITY = 1 << 10;
  private static final int MAX_INITIAL_CAPACITY = 1 << 26;

  private final AtomicReferenceArray<Window> windows = new AtomicReferenceArray<>(2);
  private final long maxPerWindow;
  private final int firstCapacity;

  WindowedDedup(long maxPerWindow, int firstCapacity) {
    this.maxPerWindow = maxPerWindow;
    this.firstCapacity = firstCapacity;
  }

  /** True the first time {@code fingerprint} is seen in {@code window}. */
  boolean firstInWindow(long window, long fingerprint) {
    int slot = (int) (window & 1);
    Window w = windows.get(slot);
    while (w == null || w.index != window) {
      if (w != null && w.index > window) {
        return false; // older than the windows held: drop
      }
      Window fresh = new Window(window, new FingerprintSet(nextCapacity(slot), maxPerWindow));
      if (windows.compareAndSet(slot, w, fresh)) {
        w = fresh;
      } else {
        w = windows.get(slot);
      }
    }
    return w.set.add(fingerprint);
  }

  /** Distinct pairs counted in {@code window}, or 0 if it is not held. */
  long size(long window) {
    Window w = windows.get((int) (window & 1));
    return w != null && w.index == window ? w.set.size() : 0;
  }

  private int nextCapacity(int slot) {
    Window other = windows.get(slot ^ 1);
    if (other == null) {
      return firstCapacity;
    }
    long wanted = Math.max(MIN_CAPACITY, other.set.size() * 4);
    return (int) Math.min(MAX_INITIAL_CAPACITY, wanted);
  }

  private static final class Window {
    final long index;
    final FingerprintSet set;

    Window(long index, FingerprintSet set) {
      this.index = index;
      this.set = set;
    }
  }
}
