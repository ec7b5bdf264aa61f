package io.vodkit.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Receiver side: checks that a webhook request came from vodkit and is fresh. JDK only — copy this
 * one file into your receiver if you do not want the dependency.
 *
 * <p>vodkit scheme ({@link #verify}): {@code X-Webhook-Timestamp: <unix seconds>} and {@code
 * X-Webhook-Signature: sha256=<hex>[,sha256=<hex>…]}, the hex HMAC-SHA256 of {@code
 * "<timestamp>.<body>"} keyed with the UTF-8 bytes of the whole secret (as {@code openssl dgst
 * -sha256 -hmac "$secret"} does). Standard Webhooks scheme ({@link #verifyStandard}): {@code
 * webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64>[ v1,<base64>…]}
 * over {@code "<id>.<timestamp>.<body>"}, keyed with the base64-decoded part after {@code whsec_}.
 * During a secret rotation a request carries one signature per valid secret; either matching one
 * of yours is enough. Timestamps more than {@link #TOLERANCE} away from {@code now} (either way)
 * are rejected, so a captured request cannot be replayed later; drop duplicates within the window
 * by the event id in the body ({@code event_id}, equal to {@code webhook-id}).
 *
 * <pre>{@code
 * try {
 *   WebhookVerifier.verify(exchange.getRequestHeaders(), body, List.of(secret), Instant.now());
 * } catch (WebhookVerifier.Rejected e) {
 *   respond(400, e.reason());
 * }
 * }</pre>
 */
public final class WebhookVerifier {
  /** How far a request's timestamp may be from the receiver's clock: 5 minutes. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  /** Header with the signing time, unix seconds (vodkit scheme). */
  public static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";
  /** Header with {@code sha256=<hex>} entries, comma separated (vodkit scheme). */
  public static final String SIGNATURE_HEADER = "X-Webhook-Signature";
  /** Standard Webhooks: the message id (vodkit's {@code event_id}). */
  public static final String STANDARD_ID_HEADER = "webhook-id";
  /** Standard Webhooks: unix seconds. */
  public static final String STANDARD_TIMESTAMP_HEADER = "webhook-timestamp";
  /** Standard Webhooks: {@code v1,<base64>} entries, space separated. */
  public static final String STANDARD_SIGNATURE_HEADER = "webhook-signature";
  /** Prefix of vodkit (and Standard Webhooks) secrets. */
  public static final String SECRET_PREFIX = "whsec_";

  private WebhookVerifier() {}

  /** Why a request was refused. */
  public enum Reason {
    /** A signature or timestamp header is absent. */
    MISSING_HEADER,
    /** A header is present but not in the expected form. */
    MALFORMED_HEADER,
    /** The timestamp is more than {@link #TOLERANCE} from now: late, replayed or forged. */
    STALE_TIMESTAMP,
    /** No signature matches any of the secrets: forged, altered, or signed with another secret. */
    BAD_SIGNATURE
  }

  /** The request did not pass verification; {@link #reason()} says why. */
  public static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    Rejected(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    /** Why it was refused. */
    public Reason reason() {
      return reason;
    }
  }

  /**
   * Verifies the vodkit scheme ({@code X-Webhook-Timestamp}, {@code X-Webhook-Signature}).
   * Header names are matched ignoring case.
   *
   * @throws Rejected if a header is missing or malformed, the timestamp is stale or no signature
   *     matches any of {@code secrets}
   */
  public static void verify(
      Map<String, ? extends List<String>> headers, byte[] body, List<String> secrets, Instant now)
      throws Rejected {
    long timestamp = timestamp(header(headers, TIMESTAMP_HEADER), now);
    String signatures = header(headers, SIGNATURE_HEADER);
    for (String secret : secrets) {
      byte[] expected = signatureHex(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
      for (String entry : signatures.split(",")) {
        String value = entry.trim();
        if (!value.startsWith("sha256=")) {
          throw new Rejected(Reason.MALFORMED_HEADER, SIGNATURE_HEADER + " entry is not sha256=<hex>");
        }
        byte[] given = value.substring(7).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(expected, given)) {
          return;
        }
      }
    }
    throw new Rejected(Reason.BAD_SIGNATURE, "no signature matches a known secret");
  }

  /**
   * Verifies the Standard Webhooks scheme ({@code webhook-id}, {@code webhook-timestamp}, {@code
   * webhook-signature}). Header names are matched ignoring case.
   *
   * @throws Rejected as {@link #verify}
   */
  public static void verifyStandard(
      Map<String, ? extends List<String>> headers, byte[] body, List<String> secrets, Instant now)
      throws Rejected {
    String id = header(headers, STANDARD_ID_HEADER);
    long timestamp = timestamp(header(headers, STANDARD_TIMESTAMP_HEADER), now);
    String signatures = header(headers, STANDARD_SIGNATURE_HEADER);
    for (String secret : secrets) {
      byte[] expected =
          standardSignature(secret, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
      for (String entry : signatures.trim().split(" +")) {
        if (!entry.startsWith("v1,")) {
          continue; // other versions may appear; we only know v1
        }
        if (MessageDigest.isEqual(expected, entry.substring(3).getBytes(StandardCharsets.US_ASCII))) {
          return;
        }
      }
    }
    throw new Rejected(Reason.BAD_SIGNATURE, "no v1 signature matches a known secret");
  }

  /** The hex HMAC-SHA256 of {@code "<timestamp>.<body>"} keyed with the secret's UTF-8 bytes. */
  public static String signatureHex(String secret, long timestamp, byte[] body) {
    byte[] mac = hmac(secret.getBytes(StandardCharsets.UTF_8), (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
    StringBuilder hex = new StringBuilder(mac.length * 2);
    for (byte b : mac) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }

  /**
   * The Standard Webhooks v1 signature (without the {@code v1,} prefix): base64 HMAC-SHA256 of
   * {@code "<id>.<timestamp>.<body>"} keyed with the base64 bytes after {@code whsec_}.
   *
   * @throws IllegalArgumentException if the secret is not {@code whsec_<base64>}
   */
  public static String standardSignature(String secret, String id, long timestamp, byte[] body) {
    if (!secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("a Standard Webhooks secret starts with " + SECRET_PREFIX);
    }
    byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(hmac(key, prefix, body));
  }

  private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update(prefix);
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static long timestamp(String value, Instant now) throws Rejected {
    long seconds;
    try {
      seconds = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new Rejected(Reason.MALFORMED_HEADER, "timestamp is not unix seconds: " + value);
    }
    if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
      throw new Rejected(
          Reason.STALE_TIMESTAMP,
          "timestamp " + seconds + " is more than " + TOLERANCE.toMinutes() + " min from now ("
              + now.getEpochSecond() + ")");
    }
    return seconds;
  }

  private static String header(Map<String, ? extends List<String>> headers, String name)
      throws Rejected {
    for (Map.Entry<String, ? extends List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null
          && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    throw new Rejected(Reason.MISSING_HEADER, "missing header " + name);
  }
}
