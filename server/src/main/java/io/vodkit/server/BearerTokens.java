package io.vodkit.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * {@code Authorization: Bearer <token>} → owner id. Tokens are held and looked up by their SHA-256,
 * so the lookup's timing says nothing about how much of a guessed token was right. Immutable.
 */
final class BearerTokens {
  private final Map<String, String> ownerByDigest = new HashMap<>();

  BearerTokens(Map<String, String> ownerByToken) {
    ownerByToken.forEach((token, owner) -> ownerByDigest.put(digest(token), owner));
  }

  /** The owner of the request's bearer token; 401 when the header is missing, malformed or unknown. */
  String owner(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw ApiException.unauthorized("missing Authorization header; send Authorization: Bearer <token>");
    }
    String value = authorization.trim();
    if (value.length() < 7 || !value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      throw ApiException.unauthorized("the Authorization header must use the Bearer scheme");
    }
    String owner = ownerByDigest.get(digest(value.substring(7).trim()));
    if (owner == null) {
      throw ApiException.unauthorized("unknown or revoked bearer token");
    }
    return owner;
  }

  static String digest(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
