package io.vodkit;

import java.util.Locale;

/** Per-rendition progress state inside a transcode job. */
public enum RenditionState {
  PENDING,
  PROCESSING,
  DONE,
  FAILED;

  /** The snake_case name used on the wire and in the store. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@link #wireName()}. */
  public static RenditionState fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
