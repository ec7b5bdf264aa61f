package io.vodkit.storage.fs;

import java.util.Locale;

/**
 * What a {@code Range} request header asks of an object of a known size (RFC 9110 §14): the whole
 * object, one satisfiable range, or nothing satisfiable.
 *
 * <p>Only a single {@code bytes} range is honoured: {@code first-last}, {@code first-} or the
 * suffix {@code -length}; {@code last} past the end is clamped. A header that is absent,
 * malformed, in another unit, or asks for several ranges is ignored and the whole object is sent
 * (200), which RFC 9110 allows and every player handles; this keeps the origin free of {@code
 * multipart/byteranges}. A single range starting at or past the end, a zero-length suffix, or
 * any range of an empty object is unsatisfiable (416).
 *
 * @param kind which of the three answers
 * @param start first byte (inclusive), for {@link Kind#PARTIAL}
 * @param end last byte (inclusive), for {@link Kind#PARTIAL}
 */
record ByteRange(Kind kind, long start, long end) {
  /** The three answers to a Range header. */
  enum Kind {
    /** Send everything with 200. */
    FULL,
    /** Send {@code start..end} with 206. */
    PARTIAL,
    /** Send 416 with {@code Content-Range: bytes *}{@code /size}. */
    UNSATISFIABLE
  }

  private static final ByteRange FULL = new ByteRange(Kind.FULL, -1, -1);
  private static final ByteRange UNSATISFIABLE = new ByteRange(Kind.UNSATISFIABLE, -1, -1);
  private static final String UNIT = "bytes=";

  /** Bytes the answer sends. */
  long length(long size) {
    return kind == Kind.PARTIAL ? end - start + 1 : kind == Kind.FULL ? size : 0;
  }

  /** The answer to {@code header} (null when absent) for an object of {@code size} bytes. */
  static ByteRange parse(String header, long size) {
    if (header == null) {
      return FULL;
    }
    String h = header.trim();
    if (h.length() <= UNIT.length() || !h.substring(0, UNIT.length()).toLowerCase(Locale.ROOT).equals(UNIT)) {
      return FULL;
    }
    String spec = h.substring(UNIT.length()).trim();
    if (spec.indexOf(',') >= 0) {
      return FULL;
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return FULL;
    }
    String first = spec.substring(0, dash).trim();
    String last = spec.substring(dash + 1).trim();
    if (first.isEmpty()) {
      return suffix(last, size);
    }
    long from = digits(first);
    long to = last.isEmpty() ? Long.MAX_VALUE : digits(last);
    if (from < 0 || to < 0 || to < from) {
      return FULL; // malformed: ignored
    }
    if (from >= size) {
      return UNSATISFIABLE;
    }
    return new ByteRange(Kind.PARTIAL, from, Math.min(to, size - 1));
  }

  private static ByteRange suffix(String lengthText, long size) {
    long length = digits(lengthText);
    if (length < 0) {
      return FULL;
    }
    if (length == 0 || size == 0) {
      return UNSATISFIABLE;
    }
    return new ByteRange(Kind.PARTIAL, Math.max(0, size - length), size - 1);
  }

  /** The value of a run of ASCII digits; {@link Long#MAX_VALUE} when too large; -1 if not digits. */
  private static long digits(String s) {
    if (s.isEmpty()) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      if (value > (Long.MAX_VALUE - 9) / 10) {
        value = Long.MAX_VALUE; // saturate; keep checking the rest are digits
      } else {
        value = value * 10 + (c - '0');
      }
    }
    return value;
  }
}
