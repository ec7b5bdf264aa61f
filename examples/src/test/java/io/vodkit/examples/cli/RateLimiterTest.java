package io.vodkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void eachReservationWaitsForTheBytesBookedBeforeIt() {
    RateLimiter limiter = new RateLimiter(1000); // bytes per second
    long t0 = 1_000_000_000L;

    assertThat(limiter.reserve(500, t0)).isZero();
    assertThat(limiter.reserve(500, t0)).isEqualTo(500_000_000L);
    assertThat(limiter.reserve(1000, t0 + 200_000_000L)).isEqualTo(800_000_000L);
  }

  @Test
  void idleTimeIsNotSavedUpForABurst() {
    RateLimiter limiter = new RateLimiter(1000);
    long t0 = 5_000_000_000L;

    assertThat(limiter.reserve(1000, t0 + 10_000_000_000L)).isZero();
    assertThat(limiter.reserve(1000, t0 + 10_000_000_000L)).isEqualTo(1_000_000_000L);
  }
}
