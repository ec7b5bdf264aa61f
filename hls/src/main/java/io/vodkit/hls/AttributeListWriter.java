package io.vodkit.hls;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds an RFC 8216 §4.2 attribute list, checking every value against the grammar of its type:
 * HLS has no escape mechanism, so a value that cannot be represented is rejected instead of
 * producing a playlist that parses differently.
 */
final class AttributeListWriter {
  private static final Pattern NAME = Pattern.compile("[A-Z0-9-]+");
  private static final Pattern ENUMERATED = Pattern.compile("[^\",\\s]+");

  private final StringBuilder out = new StringBuilder();

  /** A quoted-string: anything but double quote, CR and LF. */
  AttributeListWriter quoted(String name, String value) {
    if (value.indexOf('"') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(
          name + " cannot be written as an HLS quoted-string (contains \", CR or LF): " + value);
    }
    return append(name, '"' + value + '"');
  }

  /** An enumerated-string such as {@code YES} or {@code AUDIO}. */
  AttributeListWriter enumerated(String name, String value) {
    if (!ENUMERATED.matcher(value).matches()) {
      throw new IllegalArgumentException(name + " is not a valid HLS enumerated-string: " + value);
    }
    return append(name, value);
  }

  /** A decimal-integer. */
  AttributeListWriter integer(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value);
    }
    return append(name, Long.toString(value));
  }

  /** A decimal-floating-point with exactly {@code decimals} digits after the point. */
  AttributeListWriter decimal(String name, double value, int decimals) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite non-negative number: " + value);
    }
    return append(name, String.format(Locale.ROOT, "%." + decimals + "f", value));
  }

  /** A decimal-resolution, {@code WxH}. */
  AttributeListWriter resolution(String name, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + width + "x" + height);
    }
    return append(name, width + "x" + height);
  }

  /** The attribute list, without the tag. */
  String build() {
    return out.toString();
  }

  private AttributeListWriter append(String name, String value) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an HLS attribute name: " + name);
    }
    if (out.length() > 0) {
      out.append(',');
    }
    out.append(name).append('=').append(value);
    return this;
  }
}
