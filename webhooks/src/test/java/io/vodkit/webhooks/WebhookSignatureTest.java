package io.vodkit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.webhooks.WebhookVerifier.Reason;
import io.vodkit.webhooks.WebhookVerifier.Rejected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Signing and verifying, checked against openssl and the Standard Webhooks published vector. */
class WebhookSignatureTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final String BODY = "{\"event_id\":\"evt_tjob_1_1\",\"type\":\"video.ready\"}";

  @Test
  void aNewSecretIsWhsecAndBase64OfThirtyTwoRandomBytes() {
    String a = WebhookSigner.newSecret();
    String b = WebhookSigner.newSecret();
    assertThat(a).startsWith("whsec_").isNotEqualTo(b);
    assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
  }

  @Test
  void signedHeadersVerifyInBothSchemes() throws Rejected {
    String secret = WebhookSigner.newSecret();
    Map<String, List<String>> headers = signed("evt_1", BODY, List.of(secret), NOW);

    WebhookVerifier.verify(headers, bytes(BODY), List.of(secret), NOW.plusSeconds(299));
    WebhookVerifier.verifyStandard(headers, bytes(BODY), List.of(secret), NOW.minusSeconds(299));
    assertThat(headers.get("X-Webhook-Timestamp")).containsExactly(Long.toString(NOW.getEpochSecond()));
    assertThat(headers.get("webhook-id")).containsExactly("evt_1");
  }

  @Test
  void theHexSignatureMatchesOpensslComputedIndependently() throws Exception {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    long ts = NOW.getEpochSecond();
    String expected = openssl(List.of("openssl", "dgst", "-sha256", "-hmac", secret), ts + "." + BODY);

    assertThat(WebhookVerifier.signatureHex(secret, ts, bytes(BODY))).isEqualTo(expected);
    assertThat(signed("evt_1", BODY, List.of(secret), NOW).get("X-Webhook-Signature"))
        .containsExactly("sha256=" + expected);
  }

  @Test
  void theStandardSignatureMatchesThePublishedStandardWebhooksVector() {
    // the example in the Standard Webhooks specification and its reference libraries
    String signature =
        WebhookVerifier.standardSignature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
            bytes("{\"test\": 2432232314}"));
    assertThat(signature).isEqualTo("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void aForgedOrAlteredBodyIsABadSignature() {
    String secret = WebhookSigner.newSecret();
    Map<String, List<String>> headers = signed("evt_1", BODY, List.of(secret), NOW);
    byte[] altered = bytes(BODY.replace("ready", "failed"));

    assertRejected(() -> WebhookVerifier.verify(headers, altered, List.of(secret), NOW), Reason.BAD_SIGNATURE);
    assertRejected(
        () -> WebhookVerifier.verifyStandard(headers, altered, List.of(secret), NOW), Reason.BAD_SIGNATURE);
    Map<String, List<String>> forged = new HashMap<>(headers);
    forged.put("X-Webhook-Signature", List.of("sha256=" + "ab".repeat(32)));
    assertRejected(() -> WebhookVerifier.verify(forged, bytes(BODY), List.of(secret), NOW), Reason.BAD_SIGNATURE);
  }

  @Test
  void anotherSecretIsABadSignature() {
    Map<String, List<String>> headers = signed("evt_1", BODY, List.of(WebhookSigner.newSecret()), NOW);
    List<String> mine = List.of(WebhookSigner.newSecret());

    assertRejected(() -> WebhookVerifier.verify(headers, bytes(BODY), mine, NOW), Reason.BAD_SIGNATURE);
    assertRejected(() -> WebhookVerifier.verifyStandard(headers, bytes(BODY), mine, NOW), Reason.BAD_SIGNATURE);
  }

  @Test
  void aTimestampMoreThanFiveMinutesAwayIsStaleEvenWithAValidSignature() {
    String secret = WebhookSigner.newSecret();
    Map<String, List<String>> old = signed("evt_1", BODY, List.of(secret), NOW.minusSeconds(301));
    Map<String, List<String>> future = signed("evt_1", BODY, List.of(secret), NOW.plusSeconds(301));

    assertRejected(() -> WebhookVerifier.verify(old, bytes(BODY), List.of(secret), NOW), Reason.STALE_TIMESTAMP);
    assertRejected(() -> WebhookVerifier.verifyStandard(old, bytes(BODY), List.of(secret), NOW), Reason.STALE_TIMESTAMP);
    assertRejected(() -> WebhookVerifier.verify(future, bytes(BODY), List.of(secret), NOW), Reason.STALE_TIMESTAMP);
  }

  @Test
  void aReplayedRequestWithItsTimestampMovedForwardNoLongerMatches() {
    String secret = WebhookSigner.newSecret();
    Map<String, List<String>> captured = signed("evt_1", BODY, List.of(secret), NOW.minus(Duration.ofHours(1)));
    Map<String, List<String>> replayed = new HashMap<>(captured);
    replayed.put("X-Webhook-Timestamp", List.of(Long.toString(NOW.getEpochSecond())));

    assertRejected(() -> WebhookVerifier.verify(captured, bytes(BODY), List.of(secret), NOW), Reason.STALE_TIMESTAMP);
    assertRejected(() -> WebhookVerifier.verify(replayed, bytes(BODY), List.of(secret), NOW), Reason.BAD_SIGNATURE);
  }

  @Test
  void missingAndMalformedHeadersAreNamed() {
    String secret = WebhookSigner.newSecret();
    Map<String, List<String>> headers = new HashMap<>(signed("evt_1", BODY, List.of(secret), NOW));
    headers.remove("X-Webhook-Signature");
    assertRejected(() -> WebhookVerifier.verify(headers, bytes(BODY), List.of(secret), NOW), Reason.MISSING_HEADER);
    headers.put("x-webhook-signature", List.of("md5=abc")); // names match ignoring case
    assertRejected(() -> WebhookVerifier.verify(headers, bytes(BODY), List.of(secret), NOW), Reason.MALFORMED_HEADER);
    headers.put("X-Webhook-Timestamp", List.of("yesterday"));
    assertRejected(() -> WebhookVerifier.verify(headers, bytes(BODY), List.of(secret), NOW), Reason.MALFORMED_HEADER);
  }

  @Test
  void duringARotationBothSecretsSignAndEitherVerifies() {
    String current = WebhookSigner.newSecret();
    String previous = WebhookSigner.newSecret();
    Map<String, List<String>> headers = signed("evt_1", BODY, List.of(current, previous), NOW);

    assertThat(headers.get("X-Webhook-Signature").get(0).split(",")).hasSize(2);
    assertThat(headers.get("webhook-signature").get(0).split(" ")).hasSize(2);
    for (String secret : List.of(current, previous)) {
      assertThatCode(() -> WebhookVerifier.verify(headers, bytes(BODY), List.of(secret), NOW))
          .doesNotThrowAnyException();
      assertThatCode(() -> WebhookVerifier.verifyStandard(headers, bytes(BODY), List.of(secret), NOW))
          .doesNotThrowAnyException();
    }
  }

  static Map<String, List<String>> signed(String id, String body, List<String> secrets, Instant at) {
    Map<String, List<String>> headers = new HashMap<>();
    WebhookSigner.headers(id, body, secrets, at).forEach((k, v) -> headers.put(k, List.of(v)));
    return headers;
  }

  static void assertRejected(ThrowingVerification verification, Reason reason) {
    assertThatThrownBy(verification::run)
        .isInstanceOfSatisfying(Rejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  /** A verification call that may reject. */
  interface ThrowingVerification {
    void run() throws Rejected;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Runs openssl on {@code input}; returns the hex digest it prints. */
  private static String openssl(List<String> command, String input) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort("openssl is not installed: " + e.getMessage());
      throw e;
    }
    p.getOutputStream().write(bytes(input));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.substring(out.lastIndexOf(' ') + 1); // "SHA2-256(stdin)= <hex>"
  }
}
