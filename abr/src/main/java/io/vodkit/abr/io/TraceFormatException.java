package io.vodkit.abr.io;

/**
 * A trace, chunk-size file or manifest could not be understood; the message names the file (and
 * line where there is one) and what was expected.
 */
public final class TraceFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with a message. */
  public TraceFormatException(String message) {
    super(message);
  }

  /** An error with a message and a cause. */
  public TraceFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
