package io.vodkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vodkit.spi.WebhookDelivery;
import io.vodkit.spi.WebhookEndpoint;
import io.vodkit.webhooks.Webhooks;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The webhook endpoints over {@link Webhooks}: register (the answer is the only time the secret
 * is shown, besides a rotation), list, delete, rotate the secret with an overlap, list deliveries
 * (dead letters included) and redeliver. The egress policy refuses private, loopback and
 * link-local targets unless the config allows them. Stateless but for its parts.
 */
final class WebhookRoutes {
  private static final int DEFAULT_DELIVERIES = 50;
  private static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);

  private final Webhooks webhooks;

  WebhookRoutes(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  /** Adds every webhook route to {@code router}. */
  void addTo(Router router) {
    router
        .post("/v1/webhooks", true, this::register)
        .get("/v1/webhooks", this::list)
        .delete("/v1/webhooks/:id", this::delete)
        .post("/v1/webhooks/:id/rotate-secret", true, this::rotate)
        .get("/v1/webhook-deliveries", this::deliveries)
        .post("/v1/webhook-deliveries/:id/redeliver", false, this::redeliver);
  }

  private ApiResponse register(ApiCall call) {
    JsonNode body = call.json();
    for (Map.Entry<String, JsonNode> p : body.properties()) {
      if (!p.getKey().equals("url")) {
        throw ApiException.invalid(p.getKey(), "unknown field " + p.getKey() + "; expected url");
      }
    }
    JsonNode url = body.path("url");
    if (!url.isTextual() || url.textValue().isBlank()) {
      throw ApiException.invalid("url", "url is required (an http or https URL)");
    }
    URI uri;
    try {
      uri = new URI(url.textValue().trim());
    } catch (URISyntaxException e) {
      throw ApiException.invalid("url", "url is not a valid URI: " + e.getMessage());
    }
    return ApiResponse.of(201, endpoint(webhooks.register(call.owner(), uri), true));
  }

  private ApiResponse list(ApiCall call) {
    ObjectNode n = Json.object();
    ArrayNode list = n.putArray("webhooks");
    for (WebhookEndpoint e : webhooks.endpoints(call.owner())) {
      list.add(endpoint(e, false));
    }
    return ApiResponse.ok(n);
  }

  private ApiResponse delete(ApiCall call) {
    webhooks.delete(call.owner(), call.param("id"));
    return ApiResponse.noContent();
  }

  private ApiResponse rotate(ApiCall call) {
    Duration overlap = DEFAULT_OVERLAP;
    JsonNode body = call.jsonOrEmpty();
    JsonNode s = body.path("overlap_s");
    if (!s.isMissingNode() && !s.isNull()) {
      if (!s.isIntegralNumber() || !s.canConvertToLong()) {
        throw ApiException.invalid("overlap_s", "overlap_s must be an integer number of seconds");
      }
      overlap = Duration.ofSeconds(s.longValue());
    }
    return ApiResponse.ok(endpoint(webhooks.rotateSecret(call.owner(), call.param("id"), overlap), true));
  }

  private ApiResponse deliveries(ApiCall call) {
    Optional<WebhookDelivery.State> state = Optional.empty();
    String s = call.query("state");
    if (s != null) {
      try {
        state = Optional.of(WebhookDelivery.State.fromWire(s));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("state", "state must be pending, delivered or dead");
      }
    }
    int limit = DEFAULT_DELIVERIES;
    String l = call.query("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        throw ApiException.invalid("limit", "limit must be an integer");
      }
    }
    ObjectNode n = Json.object();
    ArrayNode list = n.putArray("deliveries");
    for (WebhookDelivery d : webhooks.deliveries(call.owner(), state, limit)) {
      list.add(delivery(d));
    }
    return ApiResponse.ok(n);
  }

  private ApiResponse redeliver(ApiCall call) {
    return ApiResponse.of(202, delivery(webhooks.redeliver(call.owner(), call.param("id"))));
  }

  private static ObjectNode endpoint(WebhookEndpoint e, boolean withSecret) {
    ObjectNode n = Json.object();
    n.put("webhook_id", e.id());
    n.put("url", e.url().toString());
    if (withSecret) {
      n.put("secret", e.secret());
    }
    Json.putTime(n, "previous_secret_expires_at", e.previousSecretExpiresAt());
    Json.putTime(n, "created_at", e.createdAt());
    return n;
  }

  private static ObjectNode delivery(WebhookDelivery d) {
    ObjectNode n = Json.object();
    n.put("delivery_id", d.id());
    n.put("event_id", d.eventId());
    n.put("webhook_id", d.endpointId());
    n.put("video_id", d.videoId());
    n.put("state", d.state().wireName());
    n.put("attempts", d.attempts());
    Json.putTime(n, "next_attempt_at", d.nextAttemptAt());
    if (d.lastStatusCode() == null) {
      n.putNull("last_status_code");
    } else {
      n.put("last_status_code", d.lastStatusCode());
    }
    n.put("last_error", d.lastError());
    Json.putTime(n, "created_at", d.createdAt());
    Json.putTime(n, "delivered_at", d.deliveredAt());
    return n;
  }
}
