package io.vodkit.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Durable webhook state: the endpoints owners registered, and the deliveries made from the
 * {@link OutboxEvent}s of {@link MetadataStore} (same database, so the fan-out can take an event
 * and write its deliveries in one transaction).
 *
 * <p>Flow: {@link #fanOut} turns each undispatched outbox event, oldest first, into one pending
 * {@link WebhookDelivery} per endpoint of the event's owner and marks the event dispatched, in one
 * transaction, exactly once even with several processes. {@link #claimDue} hands out due pending
 * deliveries under a short lease — never one while an earlier delivery for the same endpoint and
 * video is still pending, so each endpoint hears a video's events in order. {@link
 * #recordAttempt} stores the outcome of the attempt the claim started.
 *
 * <p>Thread-safe; safe to share between processes when the backing database is. Implementations:
 * {@code JdbcStore} (SQLite, PostgreSQL); each extends {@code WebhookStoreContractTest}.
 */
public interface WebhookStore {

  // ---- endpoints

  /** Stores a new endpoint; CONFLICT if its id exists. */
  void createEndpoint(WebhookEndpoint endpoint);

  /** The endpoint with this id, whoever owns it. */
  Optional<WebhookEndpoint> findEndpoint(String endpointId);

  /** The owner's endpoints, oldest first. */
  List<WebhookEndpoint> endpoints(String ownerId);

  /** Deletes the endpoint and its deliveries; false if there was no such endpoint. */
  boolean deleteEndpoint(String endpointId);

  /**
   * Makes {@code newSecret} the endpoint's secret and keeps the current one valid until {@code
   * previousValidUntil}; returns the endpoint as stored afterwards, empty if there is none.
   */
  Optional<WebhookEndpoint> rotateSecret(
      String endpointId, String newSecret, Instant previousValidUntil);

  // ---- fan-out and deliveries

  /** Renders the body of the deliveries of one event (called inside the fan-out transaction). */
  @FunctionalInterface
  interface Renderer {
    String render(OutboxEvent event);
  }

  /**
   * Takes up to {@code max} undispatched outbox events in order and, per event in one
   * transaction, inserts one pending delivery (due at {@code now}, body from {@code renderer})
   * for every endpoint of the event's owner and marks the event dispatched at {@code now} (an
   * owner without endpoints just gets it marked). Concurrent callers never dispatch an event
   * twice. Returns how many events it dispatched.
   */
  int fanOut(Instant now, int max, Renderer renderer);

  /**
   * Claims up to {@code max} pending deliveries due at {@code now} (oldest first) that nobody
   * holds, for {@code lease}: each comes back with {@code attempts} raised by one, the number to
   * pass to {@link #recordAttempt}. A delivery is skipped while an earlier delivery for the same
   * endpoint and video is pending. Two callers never get the same delivery while its lease runs.
   */
  List<WebhookDelivery> claimDue(Instant now, Duration lease, int max);

  /**
   * Stores the outcome of attempt {@code attempt} of a delivery and ends its lease; false (and
   * nothing changed) if the delivery is no longer pending at that attempt (it was claimed again
   * after the lease ran out, redelivered or deleted).
   */
  boolean recordAttempt(String deliveryId, int attempt, AttemptResult result);

  /** The delivery with this id, whoever owns it. */
  Optional<WebhookDelivery> findDelivery(String deliveryId);

  /**
   * The owner's deliveries, newest first, only those in {@code state} when given; at most {@code
   * limit}.
   */
  List<WebhookDelivery> deliveries(String ownerId, Optional<WebhookDelivery.State> state, int limit);

  /**
   * Puts a delivered or dead delivery back to pending, due at {@code now}, with its attempts at
   * 0 and a new retry schedule from {@code now}; same event id and body. Returns it as stored
   * afterwards; empty if there is no such delivery; CONFLICT if it is still pending.
   */
  Optional<WebhookDelivery> redeliver(String deliveryId, Instant now);

  /**
   * How many deliveries of all owners are in each state right now (states with none may be
   * missing): the webhook backlog ({@code PENDING}, including those being attempted) and the dead
   * letters, for metrics and alerts. One cheap query; callers poll it at most about once a second.
   */
  Map<WebhookDelivery.State, Long> deliveryCounts();

  /**
   * The outcome of one attempt.
   *
   * @param state {@code DELIVERED}, {@code PENDING} (retry at {@code nextAttemptAt}) or {@code DEAD}
   * @param statusCode the HTTP status, or null when there was no response
   * @param error why it failed, or null
   * @param at when the attempt ended
   * @param nextAttemptAt when to retry ({@code PENDING} only), else null
   */
  record AttemptResult(
      WebhookDelivery.State state, Integer statusCode, String error, Instant at,
      Instant nextAttemptAt) {
    public AttemptResult {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(at, "at");
      if ((state == WebhookDelivery.State.PENDING) != (nextAttemptAt != null)) {
        throw new IllegalArgumentException("nextAttemptAt is set exactly when the state is pending");
      }
    }

    /** The receiver answered 2xx. */
    public static AttemptResult delivered(int statusCode, Instant at) {
      return new AttemptResult(WebhookDelivery.State.DELIVERED, statusCode, null, at, null);
    }

    /** The attempt failed; try again at {@code nextAttemptAt}. */
    public static AttemptResult retry(
        Integer statusCode, String error, Instant at, Instant nextAttemptAt) {
      Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
      return new AttemptResult(WebhookDelivery.State.PENDING, statusCode, error, at, nextAttemptAt);
    }

    /** The attempt failed and the schedule is over: dead-letter it. */
    public static AttemptResult dead(Integer statusCode, String error, Instant at) {
      return new AttemptResult(WebhookDelivery.State.DEAD, statusCode, error, at, null);
    }
  }
}
