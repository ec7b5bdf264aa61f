package io.vodkit;

import java.util.Locale;

/**
 * Lifecycle of a video: {@code awaiting_upload → uploaded → transcoding → ready | partial |
 * failed}. {@code partial} means some renditions failed but the lower ones play.
 */
public enum VideoStatus {
  AWAITING_UPLOAD,
  UPLOADED,
  TRANSCODING,
  READY,
  PARTIAL,
  FAILED;

  /** The snake_case name used on the wire and in the store. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@link #wireName()}. */
  public static VideoStatus fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** True for states a video never leaves by itself. */
  public boolean isTerminal() {
    return this == READY || this == PARTIAL || this == FAILED;
  }
}
