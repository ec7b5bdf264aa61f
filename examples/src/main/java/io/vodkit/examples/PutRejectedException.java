package io.vodkit.examples;

import java.net.URI;

/**
 * Storage answered a presigned PUT with something other than 200. Carries the HTTP status and
 * the start of the answer's body (S3 and the fs endpoint explain refusals there), and says
 * whether sending the same bytes again may succeed: 5xx, 408 and 429 may; other 4xx (forged or
 * expired signature, wrong size, part too large) will not.
 */
public final class PutRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int BODY_CHARS = 500;

  private final int statusCode;
  private final String body;

  /** A refusal of the PUT to {@code url} (logged without its query, which holds the signature). */
  public PutRejectedException(URI url, int statusCode, String body) {
    super("PUT " + withoutQuery(url) + " answered " + statusCode + ": " + shorten(body));
    this.statusCode = statusCode;
    this.body = shorten(body);
  }

  /** The HTTP status storage answered with. */
  public int statusCode() {
    return statusCode;
  }

  /** The first characters of storage's answer (may be empty). */
  public String body() {
    return body;
  }

  /** True when the same request may succeed later (5xx, 408 Request Timeout, 429 Too Many Requests). */
  public boolean isRetryable() {
    return statusCode >= 500 || statusCode == 408 || statusCode == 429;
  }

  /** {@code url} without its query string. */
  static String withoutQuery(URI url) {
    return url.getScheme() + "://" + url.getAuthority() + url.getPath();
  }

  private static String shorten(String body) {
    String b = body == null ? "" : body.strip();
    return b.length() <= BODY_CHARS ? b : b.substring(0, BODY_CHARS) + "…";
  }
}
