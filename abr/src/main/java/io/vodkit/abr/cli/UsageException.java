package io.vodkit.abr.cli;

/** The command line was wrong; the message says how. Exit code {@link AbrSim#EXIT_USAGE}. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
