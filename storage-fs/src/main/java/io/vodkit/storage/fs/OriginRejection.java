package io.vodkit.storage.fs;

/** A request the origin refuses, with the HTTP status and the wire error code to answer. */
final class OriginRejection extends Exception {
  final int status;
  final String code;

  OriginRejection(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }
}
