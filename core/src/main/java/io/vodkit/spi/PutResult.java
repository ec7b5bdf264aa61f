package io.vodkit.spi;

import java.util.Objects;

/**
 * What {@link ObjectStorage#putIfAbsent} did: created the object, or found one already there and
 * left it unchanged.
 *
 * @param created true if this call stored the object
 * @param etag without quotes: of the object this call stored, or of the one it found
 */
public record PutResult(boolean created, String etag) {
  public PutResult {
    Objects.requireNonNull(etag, "etag");
  }

  /** This call stored the object, which now has {@code etag}. */
  public static PutResult created(String etag) {
    return new PutResult(true, etag);
  }

  /** An object with {@code etag} was already there; nothing was written. */
  public static PutResult existing(String etag) {
    return new PutResult(false, etag);
  }
}
