package io.vodkit.store.jdbc;

import io.vodkit.VodkitException;
import io.vodkit.internal.Ids;
import io.vodkit.spi.OutboxEvent;
import io.vodkit.spi.WebhookDelivery;
import io.vodkit.spi.WebhookEndpoint;
import io.vodkit.spi.WebhookStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for {@code webhook_endpoints} and {@code webhook_deliveries}, and the fan-out from {@code
 * outbox_events}. Every method runs on its caller's connection and transaction. Stateless.
 *
 * <p>Order per (endpoint, video): a delivery is claimable only while no delivery of an earlier
 * outbox event ({@code event_seq}) for the same endpoint and video is pending, and no earlier
 * event of the video is still waiting for its fan-out — so concurrent fan-outs (which skip each
 * other's events) cannot reorder a video's events either.
 */
final class WebhookTables {
  private static final String ENDPOINT_COLUMNS =
      "endpoint_id, owner_id, url, secret, previous_secret, previous_secret_expires_at,"
          + " created_at";
  private static final String DELIVERY_COLUMNS =
      "delivery_id, event_id, endpoint_id, owner_id, video_id, body, state, attempts,"
          + " next_attempt_at, last_status_code, last_error, created_at, scheduled_from,"
          + " delivered_at";
  private static final String SELECT_DELIVERY =
      "SELECT " + DELIVERY_COLUMNS + " FROM webhook_deliveries";

  /** The oldest undispatched event; {@code %s} is the dialect's skip-locked clause. */
  private static final String NEXT_EVENT =
      "SELECT seq, event_id, video_id FROM outbox_events WHERE dispatched_at IS NULL"
          + " ORDER BY seq LIMIT 1%s";
  private static final String INSERT_DELIVERY =
      "INSERT INTO webhook_deliveries (delivery_id, event_id, event_seq, endpoint_id, owner_id,"
          + " video_id, body, state, attempts, next_attempt_at, created_at, scheduled_from)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)";

  /**
   * Claims due deliveries; {@code %s} is the dialect's skip-locked clause. The picks are a
   * materialized CTE, run once: as {@code IN (subquery)} PostgreSQL may plan a semi join that
   * re-runs the locking, limited subquery for every row and so claims more than the limit.
   */
  private static final String CLAIM =
      "WITH picked AS MATERIALIZED (SELECT d.delivery_id FROM webhook_deliveries d"
          + " WHERE d.state = 'pending' AND d.next_attempt_at <= ?"
          + " AND (d.locked_until IS NULL OR d.locked_until <= ?)"
          + " AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.endpoint_id = d.endpoint_id"
          + " AND e.video_id = d.video_id AND e.state = 'pending' AND e.event_seq < d.event_seq)"
          + " AND NOT EXISTS (SELECT 1 FROM outbox_events o WHERE o.video_id = d.video_id"
          + " AND o.seq < d.event_seq AND o.dispatched_at IS NULL)"
          + " ORDER BY d.seq LIMIT ?%s)"
          + " UPDATE webhook_deliveries SET attempts = attempts + 1, locked_until = ?"
          + " WHERE delivery_id IN (SELECT delivery_id FROM picked)"
          + " AND state = 'pending' AND (locked_until IS NULL OR locked_until <= ?)"
          + " RETURNING " + DELIVERY_COLUMNS;

  private WebhookTables() {}

  // ---- endpoints

  static void createEndpoint(Connection c, WebhookEndpoint e) throws SQLException {
    if (Sql.exists(c, "SELECT 1 FROM webhook_endpoints WHERE endpoint_id = ?", e.id())) {
      throw VodkitException.conflict("webhook endpoint " + e.id() + " already exists");
    }
    Sql.update(
        c, "INSERT INTO webhook_endpoints (" + ENDPOINT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
        e.id(), e.ownerId(), e.url().toString(), e.secret(), e.previousSecret(),
        e.previousSecretExpiresAt(), e.createdAt());
  }

  static Optional<WebhookEndpoint> findEndpoint(Connection c, String endpointId)
      throws SQLException {
    return Sql.one(
        c, "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE endpoint_id = ?",
        WebhookTables::endpoint, endpointId);
  }

  static List<WebhookEndpoint> endpoints(Connection c, String ownerId) throws SQLException {
    return Sql.all(
        c, "SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoints WHERE owner_id = ?"
            + " ORDER BY created_at, endpoint_id",
        WebhookTables::endpoint, ownerId);
  }

  static boolean deleteEndpoint(Connection c, String endpointId) throws SQLException {
    Sql.update(c, "DELETE FROM webhook_deliveries WHERE endpoint_id = ?", endpointId);
    return Sql.update(c, "DELETE FROM webhook_endpoints WHERE endpoint_id = ?", endpointId) == 1;
  }

  static Optional<WebhookEndpoint> rotateSecret(
      Connection c, String endpointId, String newSecret, Instant previousValidUntil)
      throws SQLException {
    int changed =
        Sql.update(
            c, "UPDATE webhook_endpoints SET previous_secret = secret,"
                + " previous_secret_expires_at = ?, secret = ? WHERE endpoint_id = ?",
            previousValidUntil, newSecret, endpointId);
    return changed == 1 ? findEndpoint(c, endpointId) : Optional.empty();
  }

  // ---- fan-out

  /** One undispatched outbox row, as the fan-out picks it. */
  private record Pending(long seq, String eventId, String videoId) {}

  /**
   * Dispatches the oldest undispatched event that no other transaction holds: one delivery per
   * endpoint of its owner, then the event marked. False when there was none.
   */
  static boolean fanOutOne(
      Connection c, String skipLocked, Instant now, WebhookStore.Renderer renderer)
      throws SQLException {
    Optional<Pending> next =
        Sql.one(
            c, String.format(NEXT_EVENT, skipLocked),
            row -> new Pending(row.getLong("seq"), row.getString("event_id"),
                row.getString("video_id")));
    if (next.isEmpty()) {
      return false;
    }
    Pending p = next.get();
    OutboxEvent event =
        Jobs.outboxEvents(c, p.videoId()).stream()
            .filter(e -> e.eventId().equals(p.eventId()))
            .findFirst()
            .orElseThrow();
    List<WebhookEndpoint> endpoints = endpoints(c, event.ownerId());
    if (!endpoints.isEmpty()) {
      String body = renderer.render(event);
      for (WebhookEndpoint endpoint : endpoints) {
        Sql.update(
            c, INSERT_DELIVERY, Ids.random("whd_"), event.eventId(), p.seq(), endpoint.id(),
            event.ownerId(), event.videoId(), body, now, now, now);
      }
    }
    Sql.update(
        c, "UPDATE outbox_events SET dispatched_at = ? WHERE seq = ? AND dispatched_at IS NULL",
        now, p.seq());
    return true;
  }

  // ---- deliveries

  static List<WebhookDelivery> claimDue(
      Connection c, String skipLocked, Instant now, Instant lockedUntil, int max)
      throws SQLException {
    return Sql.all(
        c, String.format(CLAIM, skipLocked), WebhookTables::delivery, now, now, max, lockedUntil,
        now);
  }

  static boolean recordAttempt(
      Connection c, String deliveryId, int attempt, WebhookStore.AttemptResult r)
      throws SQLException {
    return Sql.update(
            c, "UPDATE webhook_deliveries SET state = ?, last_status_code = ?, last_error = ?,"
                + " next_attempt_at = ?, delivered_at = ?, locked_until = NULL"
                + " WHERE delivery_id = ? AND attempts = ? AND state = 'pending'",
            r.state().wireName(), r.statusCode(), r.error(), r.nextAttemptAt(),
            r.state() == WebhookDelivery.State.DELIVERED ? r.at() : null, deliveryId, attempt)
        == 1;
  }

  static Optional<WebhookDelivery> findDelivery(Connection c, String deliveryId)
      throws SQLException {
    return Sql.one(c, SELECT_DELIVERY + " WHERE delivery_id = ?", WebhookTables::delivery, deliveryId);
  }

  static List<WebhookDelivery> deliveries(
      Connection c, String ownerId, Optional<WebhookDelivery.State> state, int limit)
      throws SQLException {
    return state.isPresent()
        ? Sql.all(
            c, SELECT_DELIVERY + " WHERE owner_id = ? AND state = ? ORDER BY seq DESC LIMIT ?",
            WebhookTables::delivery, ownerId, state.get().wireName(), limit)
        : Sql.all(
            c, SELECT_DELIVERY + " WHERE owner_id = ? ORDER BY seq DESC LIMIT ?",
            WebhookTables::delivery, ownerId, limit);
  }

  static Optional<WebhookDelivery> redeliver(Connection c, String deliveryId, Instant now)
      throws SQLException {
    Optional<WebhookDelivery> found = findDelivery(c, deliveryId);
    if (found.isEmpty()) {
      return found;
    }
    int changed =
        Sql.update(
            c, "UPDATE webhook_deliveries SET state = 'pending', attempts = 0,"
                + " next_attempt_at = ?, scheduled_from = ?, locked_until = NULL,"
                + " delivered_at = NULL WHERE delivery_id = ? AND state <> 'pending'",
            now, now, deliveryId);
    if (changed != 1) {
      throw VodkitException.conflict(
          "webhook delivery " + deliveryId + " is still pending; it will be attempted anyway");
    }
    return findDelivery(c, deliveryId);
  }

  static Map<WebhookDelivery.State, Long> deliveryCounts(Connection c) throws SQLException {
    Map<WebhookDelivery.State, Long> counts = new EnumMap<>(WebhookDelivery.State.class);
    Sql.all(
        c, "SELECT state, COUNT(*) AS n FROM webhook_deliveries GROUP BY state",
        row -> counts.put(WebhookDelivery.State.fromWire(row.getString("state")), row.getLong("n")));
    return counts;
  }

  private static WebhookEndpoint endpoint(ResultSet row) throws SQLException {
    return new WebhookEndpoint(
        row.getString("endpoint_id"),
        row.getString("owner_id"),
        URI.create(row.getString("url")),
        row.getString("secret"),
        row.getString("previous_secret"),
        Sql.instant(row, "previous_secret_expires_at"),
        Sql.instant(row, "created_at"));
  }

  private static WebhookDelivery delivery(ResultSet row) throws SQLException {
    int status = row.getInt("last_status_code");
    Integer lastStatus = row.wasNull() ? null : status;
    return new WebhookDelivery(
        row.getString("delivery_id"),
        row.getString("event_id"),
        row.getString("endpoint_id"),
        row.getString("owner_id"),
        row.getString("video_id"),
        row.getString("body"),
        WebhookDelivery.State.fromWire(row.getString("state")),
        row.getInt("attempts"),
        Sql.instant(row, "next_attempt_at"),
        lastStatus,
        row.getString("last_error"),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "scheduled_from"),
        Sql.instant(row, "delivered_at"));
  }
}
