package io.vodkit;

import java.util.Locale;

/**
 * Lifecycle of a transcode job: {@code queued → processing → complete | partial | failed}. A
 * processing job whose lease expires goes back to {@code queued} (next attempt) or, after {@code
 * max_attempts}, to {@code failed}. A queued or processing job can be {@code cancelled} by its
 * owner; its video then fails with the code {@code cancelled}.
 */
public enum JobStatus {
  QUEUED,
  PROCESSING,
  COMPLETE,
  PARTIAL,
  FAILED,
  CANCELLED;

  /** The snake_case name used on the wire and in the store. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@link #wireName()}. */
  public static JobStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** True once the job has an outcome. */
  public boolean isTerminal() {
    return this == COMPLETE || this == PARTIAL || this == FAILED || this == CANCELLED;
  }

  /** The video status that goes with this terminal job status. */
  public VideoStatus videoStatus() {
    switch (this) {
      case COMPLETE:
        return VideoStatus.READY;
      case PARTIAL:
        return VideoStatus.PARTIAL;
      case FAILED:
      case CANCELLED:
        return VideoStatus.FAILED;
      default:
        return VideoStatus.TRANSCODING;
    }
  }
}
