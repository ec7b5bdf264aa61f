package io.vodkit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vodkit.PartUrl;
import io.vodkit.examples.DirectUploader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parts go to a real (scripted) HTTP endpoint on loopback; what is retried and what is not. */
class PartSenderTest {
  private static final int PART = 64 * 1024;

  @TempDir Path tmp;
  private FlakyUploadServer server;
  private Path file;
  private final List<String> retried = Collections.synchronizedList(new ArrayList<>());
  private final List<Integer> stored = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void setUp() throws Exception {
    server = new FlakyUploadServer();
    byte[] bytes = new byte[3 * PART + 100];
    new Random(3).nextBytes(bytes);
    file = Files.write(tmp.resolve("clip.mp4"), bytes);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void serverErrorsAndDroppedConnectionsAreRetriedUntilThePartIsStored() throws Exception {
    server.script("/p2", 503, 500);
    server.script("/p3", FlakyUploadServer.DROP);

    Map<Integer, String> etags = sender(5).send(file, parts(), listener());

    assertThat(etags).containsOnlyKeys(1, 2, 3, 4);
    assertThat(server.requests("/p1")).isEqualTo(1);
    assertThat(server.requests("/p2")).isEqualTo(3);
    assertThat(server.requests("/p3")).isEqualTo(2);
    assertThat(retried).hasSize(3).anyMatch(r -> r.startsWith("3:"));
    assertThat(stored).containsExactlyInAnyOrder(1, 2, 3, 4);
  }

  @Test
  void aForbiddenAnswerIsNotRetriedAndStopsTheUpload() {
    server.script("/p2", 403);

    PartSender.PartFailedException e =
        catchThrowableOfType(PartSender.PartFailedException.class, () -> sender(5).send(file, parts(), listener()));

    assertThat(e).isNotNull();
    assertThat(e.partNumber()).isEqualTo(2);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.httpStatus()).hasValue(403);
    assertThat(server.requests("/p2")).isEqualTo(1);
    assertThat(retried).isEmpty();
  }

  @Test
  void aPartThatKeepsFailingGivesUpAfterTheLastRetry() {
    server.script("/p1", 503, 503, 503, 503);

    PartSender.PartFailedException e =
        catchThrowableOfType(PartSender.PartFailedException.class, () -> sender(2).send(file, parts(), listener()));

    assertThat(e).isNotNull();
    assertThat(e.partNumber()).isEqualTo(1);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.httpStatus()).hasValue(503);
    assertThat(server.requests("/p1")).isEqualTo(3);
  }

  @Test
  void aRateLimitSpacesThePartsOut() throws Exception {
    long start = System.nanoTime();

    new PartSender(new DirectUploader(2), 2, fastRetries(0), new RateLimiter(4.0 * PART)).send(file, parts(), listener());

    // four parts at four parts per second: the last may start 0.75 s after the first
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
  }

  private PartSender sender(int retries) {
    return new PartSender(new DirectUploader(2), 2, fastRetries(retries), null);
  }

  private static RetryPolicy fastRetries(int retries) {
    return new RetryPolicy(retries, Duration.ofMillis(5), Duration.ofMillis(40), new Random(1));
  }

  private List<PartUrl> parts() {
    List<PartUrl> parts = new ArrayList<>();
    for (int n = 1; n <= 4; n++) {
      long offset = (long) (n - 1) * PART;
      parts.add(new PartUrl(n, offset, n == 4 ? 100 : PART, server.url("/p" + n)));
    }
    return parts;
  }

  private PartSender.Listener listener() {
    return new PartSender.Listener() {
      @Override
      public void stored(PartUrl part, String etag) {
        stored.add(part.partNumber());
      }

      @Override
      public void retrying(PartUrl part, int retry, Duration delay, RuntimeException cause) {
        retried.add(part.partNumber() + ":" + retry + ":" + cause.getMessage());
      }
    };
  }
}
