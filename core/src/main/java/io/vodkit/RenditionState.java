package io.vodkit;

import java.util.Locale;

/**
 * Per-rendition progress state inside a transcode job: {@code pending → processing → done |
 * failed}, or {@code skipped} for a ladder rung the planner left out for this source (its
 * reason in {@link RenditionProgress#error()}).
 */
public enum RenditionState {
  PENDING,
  PROCESSING,
  DONE,
  FAILED,
  /** Not encoded for this source, e.g. it would upscale; never published. */
  SKIPPED;

  /** The snake_case name used on the wire and in the store. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a {@link #wireName()}. */
  public static RenditionState fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
