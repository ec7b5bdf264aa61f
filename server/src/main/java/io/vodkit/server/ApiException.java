package io.vodkit.server;

import io.vodkit.VodkitException;

/**
 * An answer that is an error: HTTP status, stable code, a message a person can act on and
 * optionally the request field at fault. Rendered as {@code {"error":{"code","message","field"}}}.
 * Covers what {@link io.vodkit.ErrorCode} has no code for (401, 405, 415, idempotency clashes).
 */
final class ApiException extends RuntimeException {
  final int status;
  final String code;
  final String field;

  ApiException(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  static ApiException of(VodkitException e) {
    return new ApiException(e.code().httpStatus(), e.code().wireName(), e.getMessage(), e.field());
  }

  static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message, null);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message, null);
  }

  static ApiException invalid(String field, String message) {
    return new ApiException(400, "invalid_request", message, field);
  }
}
