package io.vodkit.fleet;

import io.vodkit.spi.MetadataStore;
import io.vodkit.spi.WebhookDelivery;
import io.vodkit.spi.WebhookEndpoint;
import io.vodkit.spi.WebhookStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TimedStore} over a store that is also a {@link WebhookStore}: the webhook calls go to
 * that store unchanged, so the webhook dispatcher and the {@code vodkit.webhooks.*} gauges keep
 * working on a timed store.
 */
final class TimedWebhookStore extends TimedStore implements WebhookStore {
  private final WebhookStore webhooks;

  /** {@code store} and {@code webhooks} are the same object, seen through its two interfaces. */
  TimedWebhookStore(MetadataStore store, WebhookStore webhooks) {
    super(store);
    this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
  }

  @Override
  public void createEndpoint(WebhookEndpoint endpoint) {
    webhooks.createEndpoint(endpoint);
  }

  @Override
  public Optional<WebhookEndpoint> findEndpoint(String endpointId) {
    return webhooks.findEndpoint(endpointId);
  }

  @Override
  public List<WebhookEndpoint> endpoints(String ownerId) {
    return webhooks.endpoints(ownerId);
  }

  @Override
  public boolean deleteEndpoint(String endpointId) {
    return webhooks.deleteEndpoint(endpointId);
  }

  @Override
  public Optional<WebhookEndpoint> rotateSecret(
      String endpointId, String newSecret, Instant previousValidUntil) {
    return webhooks.rotateSecret(endpointId, newSecret, previousValidUntil);
  }

  @Override
  public int fanOut(Instant now, int max, Renderer renderer) {
    return webhooks.fanOut(now, max, renderer);
  }

  @Override
  public List<WebhookDelivery> claimDue(Instant now, Duration lease, int max) {
    return webhooks.claimDue(now, lease, max);
  }

  @Override
  public boolean recordAttempt(String deliveryId, int attempt, AttemptResult result) {
    return webhooks.recordAttempt(deliveryId, attempt, result);
  }

  @Override
  public Optional<WebhookDelivery> findDelivery(String deliveryId) {
    return webhooks.findDelivery(deliveryId);
  }

  @Override
  public List<WebhookDelivery> deliveries(
      String ownerId, Optional<WebhookDelivery.State> state, int limit) {
    return webhooks.deliveries(ownerId, state, limit);
  }

  @Override
  public Optional<WebhookDelivery> redeliver(String deliveryId, Instant now) {
    return webhooks.redeliver(deliveryId, now);
  }

  @Override
  public Map<WebhookDelivery.State, Long> deliveryCounts() {
    return webhooks.deliveryCounts();
  }
}
