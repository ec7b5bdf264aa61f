package io.vodkit.spi;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A URL an owner registered to hear about their videos' transcode outcomes, with its signing
 * secret. During a rotation the previous secret stays valid (signs too) until {@code
 * previousSecretExpiresAt}, so receivers can switch without losing events.
 *
 * @param id {@code whk_…}
 * @param ownerId whose videos it hears about
 * @param url where deliveries are POSTed
 * @param secret the current signing secret, {@code whsec_<base64 of 32 random bytes>}
 * @param previousSecret the secret before the last rotation, or null
 * @param previousSecretExpiresAt until when {@code previousSecret} still signs, or null
 * @param createdAt when it was registered
 */
public record WebhookEndpoint(
    String id,
    String ownerId,
    URI url,
    String secret,
    String previousSecret,
    Instant previousSecretExpiresAt,
    Instant createdAt) {
  public WebhookEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ownerId, "ownerId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(createdAt, "createdAt");
    if ((previousSecret == null) != (previousSecretExpiresAt == null)) {
      throw new IllegalArgumentException(
          "previousSecret and previousSecretExpiresAt are set together or not at all");
    }
  }

  /** The secrets that sign a delivery made at {@code now}: the current one first. */
  public List<String> secretsAt(Instant now) {
    List<String> secrets = new ArrayList<>(2);
    secrets.add(secret);
    if (previousSecret != null && now.isBefore(previousSecretExpiresAt)) {
      secrets.add(previousSecret);
    }
    return List.copyOf(secrets);
  }
}
