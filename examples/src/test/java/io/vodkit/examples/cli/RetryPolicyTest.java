package io.vodkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.VodkitException;
import io.vodkit.examples.PutRejectedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(2), new Random(7));

  @Test
  void delaysDoubleWithJitterWithinHalfToAllOfTheStepAndStopAtTheCap() {
    for (int retry = 1; retry <= 10; retry++) {
      long step = Math.min(2000, 100L << (retry - 1));
      for (int i = 0; i < 50; i++) {
        assertThat(policy.delayBefore(retry).toMillis()).as("retry %d", retry).isBetween(step / 2, step);
      }
    }
  }

  @Test
  void theDelaysOfPartsFailingTogetherAreSpreadOut() {
    assertThat(java.util.stream.IntStream.range(0, 20).mapToObj(i -> policy.delayBefore(4)).distinct().count())
        .isGreaterThan(10);
  }

  @Test
  void networkFailuresServerErrorsThrottlingAndDamagedBytesAreRetried() {
    assertThat(RetryPolicy.isRetryable(new UncheckedIOException(new IOException("reset")))).isTrue();
    assertThat(RetryPolicy.isRetryable(new PutRejectedException(URI.create("http://h/p?X-Signature=secret"), 503, "busy"))).isTrue();
    assertThat(RetryPolicy.isRetryable(new PutRejectedException(URI.create("http://h/p?X-Signature=secret"), 500, "oops"))).isTrue();
    assertThat(RetryPolicy.isRetryable(new PutRejectedException(URI.create("http://h/p?X-Signature=secret"), 429, "slow down"))).isTrue();
    assertThat(RetryPolicy.isRetryable(VodkitException.uploadVerification(0, "storage answered ETag x for bytes whose MD5 is y")))
        .isTrue();
  }

  @Test
  void forbiddenOtherClientErrorsAndInterruptionAreNot() {
    assertThat(RetryPolicy.isRetryable(new PutRejectedException(URI.create("http://h/p?X-Signature=secret"), 403, "signature_expired"))).isFalse();
    assertThat(RetryPolicy.isRetryable(new PutRejectedException(URI.create("http://h/p?X-Signature=secret"), 400, "bad_digest"))).isFalse();
    assertThat(RetryPolicy.isRetryable(new IllegalStateException("upload interrupted"))).isFalse();
    assertThat(RetryPolicy.isRetryable(VodkitException.invalid("x", "no"))).isFalse();
    PutRejectedException forbidden = new PutRejectedException(URI.create("http://h/p?X-Signature=secret"), 403, "x");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.getMessage()).isEqualTo("PUT http://h/p answered 403: x").doesNotContain("secret");
  }
}
