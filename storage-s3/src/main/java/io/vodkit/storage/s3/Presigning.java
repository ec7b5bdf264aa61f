package io.vodkit.storage.s3;

import io.vodkit.VodkitException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;

/**
 * The rules every presigned URL of this module follows: SigV4 query signatures live 1 s to 7 days,
 * counted in whole seconds from the moment of signing. Stateless and thread-safe.
 */
final class Presigning {
  /** SigV4's longest presigned URL validity. */
  static final Duration MAX_VALIDITY = Duration.ofDays(7);

  private Presigning() {}

  /**
   * How long a URL signed now must stay valid to last until {@code expiresAt}, rounded up to the
   * second (so it never expires early). INVALID_REQUEST if that is in the past or over 7 days.
   */
  static Duration validity(Instant expiresAt) {
    if (expiresAt == null) {
      throw VodkitException.invalid("expires_at", "an expiry is required");
    }
    long millis = Duration.between(Instant.now(), expiresAt).toMillis();
    if (millis <= 0) {
      throw VodkitException.invalid("expires_at", "cannot presign a URL that expired at " + expiresAt);
    }
    Duration validity = Duration.ofSeconds((millis + 999) / 1000);
    if (validity.compareTo(MAX_VALIDITY) > 0) {
      throw VodkitException.invalid(
          "expires_at", "S3 presigned URLs live at most 7 days; " + expiresAt + " is " + validity + " away");
    }
    return validity;
  }

  static URI toUri(URL url) {
    try {
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the SDK presigned an invalid URL", e);
    }
  }
}
