package io.vodkit.examples.cli;

/**
 * Ends a command with an exit code a script can act on and a message for a person. Thrown by the
 * command's parts, caught once by the command, which prints the message on stderr.
 */
final class CliFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  CliFailure(int exitCode, String message) {
    this(exitCode, message, null);
  }

  CliFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
