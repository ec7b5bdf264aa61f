package io.vodkit.examples.cli;

/** The exit codes of {@code vodkit upload}; listed in its {@code --help} and in src-docs/uploads.md. */
final class ExitCodes {
  /** Uploaded and completed; the video id is on stdout. */
  static final int OK = 0;
  /** A part or the completion failed even after retries; run the same command again to resume. */
  static final int FAILED = 1;
  /** Bad arguments, an unreadable file or an unreadable state file. */
  static final int USAGE = 2;
  /** FILE changed (size or modification time) since the state file was written. */
  static final int FILE_CHANGED = 3;
  /** The upload session expired or no longer exists. */
  static final int SESSION_EXPIRED = 4;
  /** The file is not a video vodkit accepts; its video failed, there is nothing to resume. */
  static final int NOT_A_VIDEO = 5;

  private ExitCodes() {}
}
