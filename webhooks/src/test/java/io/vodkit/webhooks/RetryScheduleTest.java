package io.vodkit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.VodkitException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The backoff steps, their caps and the ≥ 24 h window before a delivery is dead. */
class RetryScheduleTest {
  private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

  @Test
  void stepsDoubleFromThirtySecondsUpToAnHour() {
    RetrySchedule highest = RetrySchedule.defaults().withJitter(() -> 0.999_999_999);
    List<Duration> steps = new ArrayList<>();
    Instant now = START;
    for (int failed = 1; failed <= 9; failed++) {
      Instant next = highest.next(failed, START, now).orElseThrow();
      steps.add(Duration.between(now, next));
      now = next;
    }
    assertThat(steps).containsExactly(
        Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
        Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(32), Duration.ofHours(1),
        Duration.ofHours(1));
  }

  @Test
  void fullJitterDrawsAnywhereUpToTheStep() {
    RetrySchedule half = RetrySchedule.defaults().withJitter(() -> 0.5);
    assertThat(half.next(3, START, START)).contains(START.plus(Duration.ofMinutes(1)));
    RetrySchedule lowest = RetrySchedule.defaults().withJitter(() -> 0.0);
    assertThat(lowest.next(3, START, START)).contains(START.plusMillis(1));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.05, 0.3, 0.999})
  void aReceiverDownAllDayIsTriedForAtLeastTwentyFourHoursThenDead(double jitter) {
    RetrySchedule schedule = RetrySchedule.defaults().withJitter(() -> jitter);
    Instant now = START;
    int failed = 1;
    Optional<Instant> next;
    while ((next = schedule.next(failed, START, now)).isPresent()) {
      assertThat(next.get()).isAfter(now);
      now = next.get();
      failed++;
    }
    assertThat(now).isEqualTo(START.plus(Duration.ofHours(24))); // the last attempt ends the window
    assertThat(failed).isGreaterThan(24);
  }

  @Test
  void nonsenseSettingsAreInvalid() {
    assertThatThrownBy(
            () -> RetrySchedule.exponential(Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1)))
        .isInstanceOf(VodkitException.class);
    assertThatThrownBy(
            () -> RetrySchedule.exponential(Duration.ofMinutes(2), Duration.ofMinutes(1), Duration.ofHours(1)))
        .isInstanceOf(VodkitException.class);
  }
}
