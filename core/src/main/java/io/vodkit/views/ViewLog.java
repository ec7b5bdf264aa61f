package io.vodkit.views;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The counted views of one flush interval: an append-only log of (video id, viewer hash, hour)
 * entries, striped by thread so appenders rarely share a cache line, in chunks of 4,096 entries
 * allocated on demand (the only allocation, one per 4,096 counted views).
 *
 * <p><b>Appending</b> is one {@code getAndAdd} on the stripe's cursor, three array stores, the
 * last a release store of the (never zero) viewer hash that marks the entry complete.
 *
 * <p><b>Draining</b> ({@link #sealAndDrain}) is for one thread, after the log has been replaced
 * as the current one: it adds {@link #SEALED} to every cursor, so an appender that still holds
 * this log gets an index past the seal and retries on the new log ({@link #append} returns false),
 * while every index handed out before the seal is waited for (an appender between its {@code
 * getAndAdd} and its last store is a few nanoseconds away from done) and read.
 *
 * <p>Capacity: {@value #MAX_CHUNKS} chunks a stripe; views past that in one interval are dropped
 * and counted in {@link #dropped()}.
 */
final class ViewLog {
  static final long SEALED = 1L << 40;
  private static final int CHUNK_BITS = 12;
  private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
  private static final int MAX_CHUNKS = 1 << 12;
  private static final long STRIPE_CAPACITY = (long) CHUNK_SIZE * MAX_CHUNKS;
  /** How long a drain waits for one stalled appender before giving its entry up. */
  private static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

  /** Receives drained entries. */
  @FunctionalInterface
  interface EntryConsumer {
    void accept(String videoId, long viewerHash, long hour);
  }

  private final Stripe[] stripes;
  private final int mask;

  /** A log with {@code stripes} stripes (a power of two). */
  ViewLog(int stripes) {
    if (Integer.bitCount(stripes) != 1) {
      throw new IllegalArgumentException("stripes must be a power of two: " + stripes);
    }
    this.stripes = new Stripe[stripes];
    for (int i = 0; i < stripes; i++) {
      this.stripes[i] = new Stripe();
    }
    this.mask = stripes - 1;
  }

  /** Stripes for this machine: the power of two at or above twice the cores, 4..64. */
  static int defaultStripes() {
    int wanted = Math.max(4, Math.min(64, 2 * Runtime.getRuntime().availableProcessors()));
    return Integer.highestOneBit(wanted - 1) << 1;
  }

  /**
   * Appends a counted view; false if the log is sealed (append to the new log instead).
   * {@code viewerHash} must not be 0.
   */
  boolean append(String videoId, long viewerHash, long hour) {
    Stripe s = stripes[(int) Thread.currentThread().getId() & mask];
    long index = s.claim();
    if (index >= SEALED) {
      return false;
    }
    if (index >= STRIPE_CAPACITY) {
      s.dropped++; // racy on purpose: an approximate figure for a log message
      return true;
    }
    Chunk c = s.chunk((int) (index >>> CHUNK_BITS));
    int j = (int) index & (CHUNK_SIZE - 1);
    c.videos[j] = videoId;
    c.hours[j] = hour;
    LONGS.setRelease(c.viewers, j, viewerHash);
    return true;
  }

  /** Seals the log and hands every entry to {@code consumer}; returns entries given up as stalled. */
  long sealAndDrain(EntryConsumer consumer) {
    long lost = 0;
    for (Stripe s : stripes) {
      long end = Math.min(s.seal(), STRIPE_CAPACITY);
      for (long index = 0; index < end; index++) {
        Chunk c = awaitChunk(s, (int) (index >>> CHUNK_BITS));
        int j = (int) index & (CHUNK_SIZE - 1);
        long viewer = c == null ? 0 : awaitViewer(c, j);
        if (viewer == 0) {
          lost++;
        } else {
          consumer.accept(c.videos[j], viewer, c.hours[j]);
        }
      }
    }
    return lost;
  }

  /** Views dropped because a stripe was full (approximate). */
  long dropped() {
    long n = 0;
    for (Stripe s : stripes) {
      n += s.dropped;
    }
    return n;
  }

  private static Chunk awaitChunk(Stripe s, int chunk) {
    long deadline = 0;
    for (int spins = 0; ; spins++) {
      Chunk c = s.chunks.get(chunk);
      if (c != null) {
        return c;
      }
      deadline = backOff(spins, deadline);
      if (deadline < 0) {
        return null;
      }
    }
  }

  private static long awaitViewer(Chunk c, int j) {
    long deadline = 0;
    for (int spins = 0; ; spins++) {
      long v = (long) LONGS.getAcquire(c.viewers, j);
      if (v != 0) {
        return v;
      }
      deadline = backOff(spins, deadline);
      if (deadline < 0) {
        return 0;
      }
    }
  }

  /** Spins, then parks; returns the deadline, or -1 once it has passed. */
  private static long backOff(int spins, long deadline) {
    if (spins < 1_000) {
      Thread.onSpinWait();
      return deadline;
    }
    long now = System.nanoTime();
    if (deadline == 0) {
      return now + STALL_LIMIT_NANOS;
    }
    if (now - deadline > 0) {
      return -1;
    }
    LockSupport.parkNanos(10_000);
    return deadline;
  }

  /** 4,096 entries; an entry is complete once its viewer hash is non-zero. */
  private static final class Chunk {
    final String[] videos = new String[CHUNK_SIZE];
    final long[] hours = new long[CHUNK_SIZE];
    final long[] viewers = new long[CHUNK_SIZE];
  }

  /** Padding that keeps a stripe's cursor off its neighbours' cache lines. */
  @SuppressWarnings("unused")
  private abstract static class LeftPad {
    long p01, p02, p03, p04, p05, p06, p07;
  }

  /** The cursor, between two pads. */
  private abstract static class Cursor extends LeftPad {
    static final VarHandle CURSOR;

    static {
      try {
        CURSOR = MethodHandles.lookup().findVarHandle(Cursor.class, "cursor", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    volatile long cursor;
  }

  /** One stripe: its cursor, its chunks, its drop count. */
  @SuppressWarnings("unused")
  private static final class Stripe extends Cursor {
    long p11, p12, p13, p14, p15, p16, p17;
    final AtomicReferenceArray<Chunk> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);
    long dropped;

    long claim() {
      return (long) CURSOR.getAndAdd(this, 1L);
    }

    long seal() {
      return (long) CURSOR.getAndAdd(this, SEALED);
    }

    Chunk chunk(int n) {
      Chunk c = chunks.get(n);
      if (c == null) {
        Chunk fresh = new Chunk();
        c = chunks.compareAndExchange(n, null, fresh);
        if (c == null) {
          c = fresh;
        }
      }
      return c;
    }
  }
}
