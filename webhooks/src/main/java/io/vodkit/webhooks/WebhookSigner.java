package io.vodkit.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sender side: new secrets, and the headers that sign a delivery in both schemes {@link
 * WebhookVerifier} checks — {@code X-Webhook-Timestamp} + {@code X-Webhook-Signature:
 * sha256=<hex>} (comma separated, one per valid secret) and the Standard Webhooks {@code
 * webhook-id} (the event id), {@code webhook-timestamp}, {@code webhook-signature: v1,<base64>}
 * (space separated, one per valid secret). Stateless.
 */
public final class WebhookSigner {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 32;

  private WebhookSigner() {}

  /** A new secret: {@code whsec_} and the base64 of 32 random bytes. */
  public static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return WebhookVerifier.SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * The signing headers for {@code body} sent at {@code at}, one signature per secret (the
   * current secret first), in a stable order.
   */
  public static Map<String, String> headers(
      String eventId, String body, List<String> secrets, Instant at) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret signs a delivery");
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long timestamp = at.getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(WebhookVerifier.TIMESTAMP_HEADER, Long.toString(timestamp));
    headers.put(
        WebhookVerifier.SIGNATURE_HEADER,
        secrets.stream()
            .map(s -> "sha256=" + WebhookVerifier.signatureHex(s, timestamp, bytes))
            .collect(Collectors.joining(",")));
    headers.put(WebhookVerifier.STANDARD_ID_HEADER, eventId);
    headers.put(WebhookVerifier.STANDARD_TIMESTAMP_HEADER, Long.toString(timestamp));
    headers.put(
        WebhookVerifier.STANDARD_SIGNATURE_HEADER,
        secrets.stream()
            .map(s -> "v1," + WebhookVerifier.standardSignature(s, eventId, timestamp, bytes))
            .collect(Collectors.joining(" ")));
    return headers;
  }
}
