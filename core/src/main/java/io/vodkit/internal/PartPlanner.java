package io.vodkit.internal;

import io.vodkit.VodkitException;

/**
 * Plans multipart uploads under S3's rules: parts of 5 MiB to 5 GiB (the last may be smaller), at
 * most 10,000 parts, objects up to 5 TiB. Uses the preferred part size when that fits in 10,000
 * parts, otherwise the smallest whole-MiB size that does.
 */
public final class PartPlanner {
  public static final long MIB = 1L << 20;
  public static final long MIN_PART_BYTES = 5 * MIB;
  public static final long MAX_PART_BYTES = 5L << 30;
  public static final int MAX_PARTS = 10_000;
  public static final long MAX_OBJECT_BYTES = 5L << 40;

  private final long preferredPartBytes;

  /** A planner preferring {@code preferredPartBytes} parts (clamped to S3's 5 MiB..5 GiB). */
  public PartPlanner(long preferredPartBytes) {
    this.preferredPartBytes = Math.max(MIN_PART_BYTES, Math.min(MAX_PART_BYTES, preferredPartBytes));
  }

  /** The part size for a file of {@code fileSize} bytes. */
  public long partSize(long fileSize) {
    if (fileSize <= 0 || fileSize > MAX_OBJECT_BYTES) {
      throw VodkitException.invalid("file_size", "file_size must be 1 byte..5 TiB, was " + fileSize);
    }
    long needed = (fileSize + MAX_PARTS - 1) / MAX_PARTS;
    long roundedToMib = (needed + MIB - 1) / MIB * MIB;
    return Math.max(preferredPartBytes, roundedToMib);
  }

  /** How many parts a file of {@code fileSize} bytes takes. */
  public int partCount(long fileSize) {
    long size = partSize(fileSize);
    return (int) ((fileSize + size - 1) / size);
  }
}
