package io.vodkit.storage.fs;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and checks presigned upload URLs. The signature is HMAC-SHA256 (hex) over a canonical
 * string of method, key, upload id, part number, size and expiry, so none of them can be changed
 * without invalidating it. Thread-safe (a {@link Mac} is created per call).
 */
final class SignedUrls {
  private static final String ALGORITHM = "HmacSHA256";
  private static final String VERSION = "vodkit-fs-upload-v1";
  private static final HexFormat HEX = HexFormat.of();

  private final FsUploadEndpoint endpoint;
  private final SecretKeySpec key;

  SignedUrls(FsUploadEndpoint endpoint) {
    this.endpoint = endpoint;
    this.key = new SecretKeySpec(endpoint.secret(), ALGORITHM);
  }

  /** A signed PUT request: a part when {@code uploadId} is non-null, else a whole object. */
  record Request(String key, String uploadId, int partNumber, long size, long expiresEpochSecond) {
    boolean isPart() {
      return uploadId != null;
    }
  }

  /** The URL for {@code request}, with its signature. */
  URI toUri(Request request) {
    StringBuilder url =
        new StringBuilder(endpoint.baseUri().toString())
            .append("upload/")
            .append(ObjectKeys.toUrlPath(request.key()))
            .append('?');
    if (request.isPart()) {
      url.append("uploadId=").append(request.uploadId());
      url.append("&partNumber=").append(request.partNumber()).append('&');
    }
    url.append("size=").append(request.size());
    url.append("&expires=").append(request.expiresEpochSecond());
    url.append("&signature=").append(sign(request));
    return URI.create(url.toString());
  }

  /** Whether {@code signatureHex} is the signature of {@code request}, compared in constant time. */
  boolean verify(Request request, String signatureHex) {
    byte[] expected = sign(request).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signatureHex.getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  String sign(Request request) {
    String canonical =
        String.join(
            "\n",
            VERSION,
            "PUT",
            request.key(),
            request.isPart() ? request.uploadId() : "",
            request.isPart() ? Integer.toString(request.partNumber()) : "",
            Long.toString(request.size()),
            Long.toString(request.expiresEpochSecond()));
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return HEX.formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /**
   * Splits a raw query string into decoded parameters; null if malformed or a name repeats (a
   * repeated name could make the signed and the used value differ).
   */
  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = ObjectKeys.percentDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = ObjectKeys.percentDecode(eq < 0 ? "" : pair.substring(eq + 1));
      if (name == null || value == null || params.put(name, value) != null) {
        return null;
      }
    }
    return params;
  }
}
