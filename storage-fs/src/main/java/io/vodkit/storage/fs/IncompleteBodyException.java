package io.vodkit.storage.fs;

import java.io.IOException;

/** Reading the source failed or ended before the announced length: the client's fault, not storage's. */
final class IncompleteBodyException extends IOException {
  IncompleteBodyException(String message, Throwable cause) {
    super(message, cause);
  }
}
