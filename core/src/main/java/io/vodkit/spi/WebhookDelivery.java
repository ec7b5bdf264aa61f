package io.vodkit.spi;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One event on its way to one endpoint. The body is rendered once, when the event is fanned out,
 * and stored, so every attempt and every redelivery sends the same bytes with the same {@code
 * eventId}.
 *
 * @param id {@code whd_…}
 * @param eventId the outbox event it carries ({@code evt_{job_id}_{attempt}})
 * @param endpointId the endpoint it goes to
 * @param ownerId the endpoint's owner
 * @param videoId the video the event is about
 * @param body the JSON body, exactly as sent
 * @param state where it is
 * @param attempts how many times a dispatcher has taken it (each take is one HTTP attempt)
 * @param nextAttemptAt when it is due next (while pending), or null
 * @param lastStatusCode the HTTP status of the last attempt, or null (none yet, or no response)
 * @param lastError why the last attempt failed, or null
 * @param createdAt when the event was fanned out to this endpoint
 * @param scheduledFrom when the current retry schedule began: {@code createdAt}, or the last
 *     redelivery
 * @param deliveredAt when an attempt got a 2xx, or null
 */
public record WebhookDelivery(
    String id,
    String eventId,
    String endpointId,
    String ownerId,
    String videoId,
    String body,
    State state,
    int attempts,
    Instant nextAttemptAt,
    Integer lastStatusCode,
    String lastError,
    Instant createdAt,
    Instant scheduledFrom,
    Instant deliveredAt) {
  public WebhookDelivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(videoId, "videoId");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(scheduledFrom, "scheduledFrom");
  }

  /** Lifecycle: {@code pending → delivered | dead}; a redelivery moves it back to pending. */
  public enum State {
    /** Waiting for its next attempt (or being attempted right now). */
    PENDING,
    /** An attempt got a 2xx answer. */
    DELIVERED,
    /** The retry schedule ran out; dead-lettered until someone redelivers it. */
    DEAD;

    /** The snake_case name used on the wire and in the store. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a {@link #wireName()}. */
    public static State fromWire(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }
}
