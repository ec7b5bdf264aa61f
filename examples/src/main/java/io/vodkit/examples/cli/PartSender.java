package io.vodkit.examples.cli;

import io.vodkit.PartUrl;
import io.vodkit.examples.DirectUploader;
import io.vodkit.examples.PutRejectedException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends parts of a file to their presigned URLs, {@code parallel} at a time, each through {@link
 * DirectUploader#put} (streamed from the file, with Content-MD5, ETag checked), retrying what
 * {@link RetryPolicy} says may succeed again. Stops at the first part that fails for good: parts
 * in flight are interrupted, parts already stored stay stored (and recorded by the listener), so
 * a later run resumes.
 *
 * <p>One {@link #send} at a time per instance; its threads end before it returns.
 */
final class PartSender {
  /** Told about each part as it is stored or retried; called from sender threads. */
  interface Listener {
    /** Part {@code part} is stored with {@code etag}. A failure here stops the upload. */
    void stored(PartUrl part, String etag) throws IOException;

    /** Part {@code part} failed with {@code cause} and is sent again after {@code delay}. */
    void retrying(PartUrl part, int retry, Duration delay, RuntimeException cause);
  }

  /** A part that failed for good: after its last attempt, or at once when retrying is pointless. */
  static final class PartFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int partNumber;
    private final int attempts;

    PartFailedException(int partNumber, int attempts, Exception cause) {
      super("part " + partNumber + " failed after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ")
          + cause.getMessage(), cause);
      this.partNumber = partNumber;
      this.attempts = attempts;
    }

    int partNumber() {
      return partNumber;
    }

    int attempts() {
      return attempts;
    }

    /** The HTTP status of the last answer, if the part got one. */
    OptionalInt httpStatus() {
      return getCause() instanceof PutRejectedException r ? OptionalInt.of(r.statusCode()) : OptionalInt.empty();
    }
  }

  private static final AtomicInteger SENDERS = new AtomicInteger();

  private final DirectUploader uploader;
  private final int parallel;
  private final RetryPolicy retry;
  private final RateLimiter limiter;

  /** A sender; {@code limiter} may be null for no rate limit. */
  PartSender(DirectUploader uploader, int parallel, RetryPolicy retry, RateLimiter limiter) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel must be >= 1");
    }
    this.uploader = uploader;
    this.parallel = parallel;
    this.retry = retry;
    this.limiter = limiter;
  }

  /** Sends every part of {@code file} in {@code parts}; returns their ETags by part number. */
  Map<Integer, String> send(Path file, List<PartUrl> parts, Listener listener)
      throws PartFailedException, InterruptedException {
    Map<Integer, String> etags = new TreeMap<>();
    if (parts.isEmpty()) {
      return etags;
    }
    int sender = SENDERS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallel, parts.size()),
            r -> {
              Thread t = new Thread(r, "vodkit-part-" + sender + "-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      CompletionService<String[]> done = new ExecutorCompletionService<>(pool);
      for (PartUrl part : parts) {
        done.submit(() -> new String[] {Integer.toString(part.partNumber()), sendOne(file, part, listener)});
      }
      for (int i = 0; i < parts.size(); i++) {
        try {
          String[] sent = done.take().get();
          etags.put(Integer.parseInt(sent[0]), sent[1]);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof PartFailedException failed) {
            throw failed;
          }
          if (e.getCause() instanceof InterruptedException interrupted) {
            throw interrupted;
          }
          throw new IllegalStateException("sending a part failed unexpectedly", e.getCause());
        }
      }
      return etags;
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private String sendOne(Path file, PartUrl part, Listener listener) throws PartFailedException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      if (limiter != null) {
        limiter.acquire(part.sizeBytes());
      }
      String etag;
      try {
        etag = uploader.put(part.url(), file, part.offsetBytes(), part.sizeBytes());
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("stopped while sending part " + part.partNumber());
        }
        if (!RetryPolicy.isRetryable(e) || attempt > retry.maxRetries()) {
          throw new PartFailedException(part.partNumber(), attempt, e);
        }
        Duration delay = retry.delayBefore(attempt);
        listener.retrying(part, attempt, delay, e);
        Thread.sleep(delay.toMillis());
        continue;
      }
      try {
        listener.stored(part, etag);
      } catch (IOException e) {
        throw new PartFailedException(part.partNumber(), attempt, e);
      }
      return etag;
    }
  }
}
