package io.vodkit.examples.cli;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import io.vodkit.examples.PutRejectedException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Random;

/**
 * When and how long to wait before sending a part again: exponential backoff ({@code base × 2^(n-1)},
 * capped) with "equal jitter" (half the delay fixed, half random) so parallel parts that failed
 * together do not come back together.
 *
 * <p>Retried: network failures, 5xx, 408 and 429 answers, and an ETag that is not the MD5 of what
 * was sent (bytes damaged on the way). Not retried: 403 (bad or expired signature: the same URL
 * fails the same way), other 4xx, interruption. Thread-safe.
 */
final class RetryPolicy {

  private final int maxRetries;
  private final Duration base;
  private final Duration cap;
  private final Random random;

  RetryPolicy(int maxRetries, Duration base, Duration cap, Random random) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("retries must be >= 0");
    }
    this.maxRetries = maxRetries;
    this.base = base;
    this.cap = cap;
    this.random = random;
  }

  /** {@code retries} retries starting at 0.5 s, doubling up to 30 s. */
  static RetryPolicy standard(int retries) {
    return new RetryPolicy(retries, Duration.ofMillis(500), Duration.ofSeconds(30), new Random());
  }

  /** How many times a part is sent again after its first attempt failed. */
  int maxRetries() {
    return maxRetries;
  }

  /** The wait before retry {@code n} (1-based): in [d/2, d] for d = min(cap, base × 2^(n-1)). */
  Duration delayBefore(int retry) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(30, retry - 1));
    long half = ceiling / 2;
    long jitter;
    synchronized (random) {
      jitter = half == 0 ? 0 : (long) (random.nextDouble() * (ceiling - half + 1));
    }
    return Duration.ofMillis(half + jitter);
  }

  /** Whether sending the same part again may succeed after {@code failure}. */
  static boolean isRetryable(RuntimeException failure) {
    if (failure instanceof UncheckedIOException) {
      return true;
    }
    if (failure instanceof PutRejectedException rejected) {
      return rejected.isRetryable();
    }
    if (failure instanceof VodkitException v) {
      return v.code() == ErrorCode.UPLOAD_VERIFICATION_FAILED; // ETag is not the MD5 we sent
    }
    return false;
  }
}
