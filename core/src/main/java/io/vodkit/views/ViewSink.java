package io.vodkit.views;

/**
 * Where flushed view deltas go: a durable store (SQL) or a fleet-wide accumulator (Redis).
 *
 * <p>Contract: {@link #apply} is idempotent per {@link ViewBatch#flushId()}. The flush id is
 * recorded in the same transaction (or atomic script) as the increments, so applying a batch whose
 * id was already applied changes nothing, and a batch applied under a failure (the commit happened
 * but the answer was lost) can be retried safely. Failures are {@link io.vodkit.VodkitException}s
 * ({@code STORE_FAILED}, retryable).
 *
 * <p>Implementations are thread-safe; {@link BufferedViewCounter} calls {@code apply} from one
 * flusher thread at a time.
 */
public interface ViewSink {
  /** Applies the batch; false if its flush id had already been applied (nothing changed). */
  boolean apply(ViewBatch batch);

  /**
   * Drops what this sink holds for a video (its video was deleted): counts not rolled up yet, and
   * for a durable store its totals, hours and unique-viewer estimates. Idempotent.
   */
  void forget(String videoId);
}
