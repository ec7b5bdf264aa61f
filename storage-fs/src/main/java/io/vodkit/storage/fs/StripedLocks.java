package io.vodkit.storage.fs;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks chosen by name hash: serializes work on one key (or one upload) without
 * a lock object per name. Two names may share a lock, which only costs some concurrency.
 */
final class StripedLocks {
  private final ReentrantLock[] locks;

  StripedLocks(int stripes) {
    locks = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** The lock guarding {@code name}; lock and unlock it in try/finally. */
  ReentrantLock of(String name) {
    int h = name.hashCode();
    h ^= h >>> 16;
    return locks[Math.floorMod(h * 0x9E3779B9, locks.length)];
  }
}
