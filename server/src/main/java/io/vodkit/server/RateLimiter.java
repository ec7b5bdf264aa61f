package io.vodkit.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Requests per owner: a token bucket of {@code burst} tokens refilled at {@code perSecond}; an
 * empty bucket is 429 with the seconds until the next token. In memory, per process (a fleet
 * behind a load balancer would limit at the edge or in a shared store). Thread-safe.
 */
final class RateLimiter {
  private final double perSecond;
  private final double burst;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** {@code perSecond} 0 turns limiting off. */
  RateLimiter(double perSecond, int burst) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
  }

  /** Takes one token for {@code owner} at {@code nowNanos}; 429 when there is none. */
  void acquire(String owner, long nowNanos) {
    if (perSecond <= 0) {
      return;
    }
    Bucket b = buckets.computeIfAbsent(owner, o -> new Bucket(burst, nowNanos));
    double wait;
    synchronized (b) {
      b.tokens = Math.min(burst, b.tokens + (nowNanos - b.refilledAt) / 1e9 * perSecond);
      b.refilledAt = nowNanos;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return;
      }
      wait = (1 - b.tokens) / perSecond;
    }
    throw new TooManyRequests((long) Math.ceil(wait), perSecond, (int) burst);
  }

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long refilledAt) {
      this.tokens = tokens;
      this.refilledAt = refilledAt;
    }
  }

  /** 429 with the seconds a client should wait ({@code Retry-After}). */
  static final class TooManyRequests extends RuntimeException {
    final ApiException error;
    final long retryAfterSeconds;

    TooManyRequests(long retryAfterSeconds, double perSecond, int burst) {
      super(null, null, false, false);
      this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
      this.error = new ApiException(429, "rate_limited",
          "too many requests for this token's owner (" + Math.round(perSecond) + " per second, bursts of " + burst
              + "); retry after " + this.retryAfterSeconds + " s", null);
    }
  }
}
