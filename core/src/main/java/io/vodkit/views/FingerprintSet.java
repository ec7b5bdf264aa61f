package io.vodkit.views;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free, growable set of 64-bit fingerprints: open addressing with linear probing over an
 * {@link AtomicLongArray}, insert by compare-and-set, no per-insert allocation, no deletes.
 *
 * <p><b>Growing without a lock.</b> When a table passes half full, one thread installs a table of
 * twice the size as its {@code next} and copies into it. From that moment every thread that meets
 * an empty slot of the old table turns it into {@link #SEALED} (by CAS) instead of inserting there,
 * and a thread that meets a sealed slot continues in {@code next}. A key already in the old table
 * sits before the first empty slot of its probe run, so a lookup finds it there before it could
 * reach a sealed slot; a key not in it can no longer be inserted into it. Hence every key is added
 * exactly once, whatever the interleaving (the concurrency test checks this with tables that start
 * tiny). The copying thread pays O(capacity) once per doubling; other threads never wait.
 *
 * <p><b>Bound.</b> Past {@code maxSize} fingerprints the set stops growing and only answers
 * lookups: a fingerprint it does not hold is reported as new without being stored, so counting
 * goes on without de-duplication instead of eating memory. Memory: 8 bytes a slot, at most
 * {@code 2 × nextPowerOfTwo(2 × maxSize)} slots while a copy runs.
 *
 * <p>Thread-safe. Fingerprints 0 and 1 are reserved ({@link Hash64#pair} never returns them).
 */
final class FingerprintSet {
  static final long EMPTY = 0;
  static final long SEALED = 1;
  /** Probe runs longer than this make an insert look at the size (a cheap, rare check). */
  private static final int LONG_PROBE = 8;

  private static final AtomicReferenceFieldUpdater<FingerprintSet, Table> HEAD =
      AtomicReferenceFieldUpdater.newUpdater(FingerprintSet.class, Table.class, "head");

  private volatile Table head;
  private final LongAdder size = new LongAdder();
  private final long maxSize;
  private volatile boolean saturated;

  /** A set whose first table has {@code initialCapacity} slots (rounded up to a power of two). */
  FingerprintSet(int initialCapacity, long maxSize) {
    this.head = new Table(Math.max(16, Integer.highestOneBit(Math.max(1, initialCapacity - 1)) << 1));
    this.maxSize = maxSize;
  }

  /**
   * Adds {@code fp}; true if it was not in the set (also true, without storing it, when the set is
   * saturated and does not hold it).
   */
  boolean add(long fp) {
    if (saturated) {
      return !contains(fp);
    }
    Table t = head;
    if (t.copied && t.next != null) {
      HEAD.compareAndSet(this, t, t.next);
    }
    int probes = insert(t, fp);
    if (probes >= 0) {
      size.increment();
      if (probes > LONG_PROBE) {
        maybeGrow(newest(t));
      }
      return true;
    }
    return probes == Table.FULL ? !contains(fp) : false;
  }

  /**
   * Inserts along the chain from {@code t}: probes used if inserted, PRESENT, or FULL when the set
   * cannot grow any more.
   */
  private int insert(Table t, long fp) {
    while (true) {
      int r = t.insert(fp);
      if (r >= 0 || r == Table.PRESENT) {
        return r;
      }
      if (r == Table.FULL) {
        grow(t);
        if (t.next == null) {
          return Table.FULL;
        }
      }
      t = t.next; // MOVED, or FULL and now grown
    }
  }

  /** True if {@code fp} is in the set. */
  boolean contains(long fp) {
    Table t = head;
    while (t != null) {
      int r = t.find(fp);
      if (r == Table.PRESENT) {
        return true;
      }
      if (r != Table.MOVED) {
        return false;
      }
      t = t.next;
    }
    return false;
  }

  /** Distinct fingerprints added (not counting those reported new while saturated). */
  long size() {
    return size.sum();
  }

  /** Slots in the newest table. */
  int capacity() {
    return newest(head).slots.length();
  }

  private static Table newest(Table t) {
    while (t.next != null) {
      t = t.next;
    }
    return t;
  }

  private void maybeGrow(Table t) {
    long n = size.sum();
    if (n >= maxSize) {
      saturated = true;
    } else if (n > t.slots.length() / 2) {
      grow(t);
    }
  }

  private void grow(Table t) {
    if (t.next != null) {
      return; // another thread is growing it; inserts move on to t.next
    }
    if (t.slots.length() >= (1 << 30)) {
      saturated = true;
      return;
    }
    Table bigger = new Table(t.slots.length() * 2);
    if (!Table.NEXT.compareAndSet(t, null, bigger)) {
      return;
    }
    copy(t, bigger);
    HEAD.compareAndSet(this, t, bigger);
  }

  /** Seals every empty slot of {@code from} and re-inserts each of its keys from {@code to} on. */
  private void copy(Table from, Table to) {
    AtomicLongArray slots = from.slots;
    for (int i = 0; i < slots.length(); i++) {
      long v = slots.get(i);
      while (v == EMPTY && !slots.compareAndSet(i, EMPTY, SEALED)) {
        v = slots.get(i);
      }
      if (v != EMPTY && v != SEALED) {
        insert(to, v);
      }
    }
    from.copied = true;
  }

  /** One open-addressing table; {@code next} is its successor once it is being replaced. */
  static final class Table {
    static final int PRESENT = -1;
    static final int MOVED = -2;
    static final int FULL = -3;
    static final int ABSENT = -4;
    static final AtomicReferenceFieldUpdater<Table, Table> NEXT =
        AtomicReferenceFieldUpdater.newUpdater(Table.class, Table.class, "next");

    final AtomicLongArray slots;
    private final int mask;
    volatile Table next;
    volatile boolean copied;

    Table(int capacity) {
      this.slots = new AtomicLongArray(capacity);
      this.mask = capacity - 1;
    }

    private int home(long fp) {
      return (int) (fp ^ (fp >>> 32)) & mask;
    }

    /** Probes used (>= 0) if inserted here, else PRESENT, MOVED (continue in next) or FULL. */
    int insert(long fp) {
      int i = home(fp);
      for (int probes = 0; probes <= mask; ) {
        long v = slots.get(i);
        if (v == fp) {
          return PRESENT;
        }
        if (v == SEALED) {
          return MOVED;
        }
        if (v == EMPTY) {
          long claim = next == null ? fp : SEALED;
          if (slots.compareAndSet(i, EMPTY, claim)) {
            return claim == fp ? probes : MOVED;
          }
          continue; // lost the slot: read it again
        }
        i = (i + 1) & mask;
        probes++;
      }
      return FULL;
    }

    /** PRESENT, MOVED (look in next) or ABSENT; never writes. */
    int find(long fp) {
      int i = home(fp);
      for (int probes = 0; probes <= mask; probes++) {
        long v = slots.get(i);
        if (v == fp) {
          return PRESENT;
        }
        if (v == SEALED) {
          return MOVED;
        }
        if (v == EMPTY) {
          return next == null ? ABSENT : MOVED;
        }
        i = (i + 1) & mask;
      }
      return next == null ? ABSENT : MOVED;
    }
  }
}
