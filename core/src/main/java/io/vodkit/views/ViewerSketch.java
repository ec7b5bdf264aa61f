package io.vodkit.views;

import java.util.Objects;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * A HyperLogLog sketch of distinct viewers (Apache DataSketches {@code HllSketch}, {@code lgK =
 * }{@value #LG_K}, HLL_4 registers). Relative standard error about 0.65 % (about 2 % at three
 * sigma); 8 KiB serialized once dense, much less while sparse (a few bytes a viewer). Exact up to a
 * few hundred distinct viewers.
 *
 * <p>Feed it the viewer hashes of {@link DailyViewers}; serialize with {@link #toBytes()} and
 * read back with {@link #fromBytes(byte[])} to merge across flushes. Not thread-safe: one sketch
 * per thread, or guard it.
 */
public final class ViewerSketch {
  /** log2 of the number of registers. */
  public static final int LG_K = 14;

  private final HllSketch sketch;

  private ViewerSketch(HllSketch sketch) {
    this.sketch = sketch;
  }

  /** An empty sketch. */
  public static ViewerSketch empty() {
    return new ViewerSketch(new HllSketch(LG_K, TgtHllType.HLL_4));
  }

  /** A sketch read from {@link #toBytes()} output; {@code IllegalArgumentException} if corrupt. */
  public static ViewerSketch fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    try {
      return new ViewerSketch(HllSketch.heapify(bytes));
    } catch (RuntimeException e) { // SketchesArgumentException, MemoryBoundsException, …
      throw new IllegalArgumentException("not a viewer sketch: " + e.getMessage(), e);
    }
  }

  /** Adds one viewer (its 64-bit hash). */
  public void add(long viewerHash) {
    sketch.update(viewerHash);
  }

  /** Adds every viewer hash in the array. */
  public void addAll(long[] viewerHashes) {
    for (long h : viewerHashes) {
      sketch.update(h);
    }
  }

  /** The estimated number of distinct viewers, rounded. */
  public long estimate() {
    return Math.round(sketch.getEstimate());
  }

  /** The compact serialized form. */
  public byte[] toBytes() {
    return sketch.toCompactByteArray();
  }
}
