package io.vodkit.webhooks;

import io.vodkit.VodkitException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff with full jitter inside a fixed
 * window, then dead-lettered.
 *
 * <p>After the n-th failed attempt the next one waits a random time in {@code (0, min(maxStep,
 * first × 2^(n-1))]} (full jitter: receivers that failed together do not come back together), but
 * never past the end of the window; the attempt at the end of the window is the last one, and
 * when it fails too the delivery is dead. So a receiver that is down keeps being tried for the
 * whole window and at least once at its end.
 *
 * <p>{@link #defaults()}: first step up to 30 s, then up to 1, 2, 4, … min, each step at most
 * 1 h, window 24 h from the fan-out (or the last redelivery) — about 50 attempts for a receiver
 * down all day. Immutable and thread-safe.
 */
public final class RetrySchedule {
  private final Duration first;
  private final Duration maxStep;
  private final Duration window;
  private final DoubleSupplier random;

  private RetrySchedule(Duration first, Duration maxStep, Duration window, DoubleSupplier random) {
    if (first.isNegative() || first.isZero() || maxStep.compareTo(first) < 0
        || window.isNegative()) {
      throw VodkitException.invalid(
          "retrySchedule", "need 0 < first <= maxStep and window >= 0, got first " + first
              + ", maxStep " + maxStep + ", window " + window);
    }
    this.first = first;
    this.maxStep = maxStep;
    this.window = window;
    this.random = random;
  }

  /** 30 s first step, 1 h largest step, 24 h window. */
  public static RetrySchedule defaults() {
    return exponential(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24));
  }

  /**
   * Steps up to {@code first}, doubling up to {@code maxStep}, for {@code window} from the start
   * of the schedule (tests use milliseconds).
   */
  public static RetrySchedule exponential(Duration first, Duration maxStep, Duration window) {
    return new RetrySchedule(
        Objects.requireNonNull(first, "first"), Objects.requireNonNull(maxStep, "maxStep"),
        Objects.requireNonNull(window, "window"), () -> ThreadLocalRandom.current().nextDouble());
  }

  /** A copy that draws its jitter from {@code random} (values in {@code [0, 1)}; tests). */
  public RetrySchedule withJitter(DoubleSupplier random) {
    return new RetrySchedule(first, maxStep, window, Objects.requireNonNull(random, "random"));
  }

  /** How long after its start the schedule makes its last attempt. */
  public Duration window() {
    return window;
  }

  /**
   * When to try again after {@code failedAttempts} failed attempts (≥ 1) of a schedule that began
   * at {@code startedAt}, the last one ending at {@code now}; empty when the schedule is over
   * (dead-letter it).
   */
  public Optional<Instant> next(int failedAttempts, Instant startedAt, Instant now) {
    Instant end = startedAt.plus(window);
    if (!now.isBefore(end)) {
      return Optional.empty();
    }
    long ceiling = ceilingMillis(Math.max(1, failedAttempts));
    long delay = Math.max(1, (long) Math.ceil(random.getAsDouble() * ceiling));
    Instant next = now.plusMillis(delay);
    return Optional.of(next.isAfter(end) ? end : next);
  }

  private long ceilingMillis(int failedAttempts) {
    long step = first.toMillis();
    for (int i = 1; i < failedAttempts && step < maxStep.toMillis(); i++) {
      step *= 2;
    }
    return Math.min(step, maxStep.toMillis());
  }
}
