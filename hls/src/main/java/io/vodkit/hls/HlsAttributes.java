package io.vodkit.hls;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * RFC 8216 §4.2 attribute lists (the part after e.g. {@code #EXT-X-STREAM-INF:}) as maps from
 * attribute name to value, in list order, quoted-strings without their double quotes; and typed
 * reads of such maps.
 */
final class HlsAttributes {
  private HlsAttributes() {}

  /**
   * Parses an attribute list: {@code NAME=value} pairs separated by commas, where a value is
   * either a quoted-string (which may contain commas, but no double quote, CR or LF) or an
   * unquoted token running to the next comma. Spaces after a comma are tolerated.
   *
   * @return an unmodifiable map in list order
   * @throws IllegalArgumentException on a missing {@code =}, a bad attribute name, an unterminated
   *     quoted-string, text after a closing quote, or a repeated attribute name
   */
  static Map<String, String> parse(String attributeList) {
    Map<String, String> values = new LinkedHashMap<>();
    String s = attributeList.strip();
    int i = 0;
    while (i < s.length()) {
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        throw bad(attributeList, "missing '=' after " + s.substring(i));
      }
      String name = s.substring(i, eq);
      if (!name.matches("[A-Z0-9-]+")) {
        throw bad(attributeList, "bad attribute name '" + name + "'");
      }
      String value;
      int next;
      if (eq + 1 < s.length() && s.charAt(eq + 1) == '"') {
        int close = s.indexOf('"', eq + 2);
        if (close < 0) {
          throw bad(attributeList, "unterminated quoted-string for " + name);
        }
        value = s.substring(eq + 2, close);
        next = close + 1;
        if (next < s.length() && s.charAt(next) != ',') {
          throw bad(attributeList, "unexpected text after the quoted value of " + name);
        }
      } else {
        int comma = s.indexOf(',', eq + 1);
        next = comma < 0 ? s.length() : comma;
        value = s.substring(eq + 1, next).strip();
      }
      if (values.putIfAbsent(name, value) != null) {
        throw bad(attributeList, "attribute " + name + " appears twice");
      }
      i = next + 1;
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
    }
    return Collections.unmodifiableMap(values);
  }

  /** An unmodifiable copy of {@code attributes} in the same order. */
  static Map<String, String> copyOf(Map<String, String> attributes) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** The value of {@code name}, or an {@link IllegalArgumentException} naming it if absent. */
  static String require(Map<String, String> attributes, String name) {
    String v = attributes.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing attribute " + name + " in " + attributes);
    }
    return v;
  }

  /** The value of {@code name} as a decimal-integer (digits only, fits a {@code long}). */
  static OptionalLong getLong(Map<String, String> attributes, String name) {
    String v = attributes.get(name);
    if (v == null) {
      return OptionalLong.empty();
    }
    try {
      if (v.matches("[0-9]+")) {
        return OptionalLong.of(Long.parseLong(v));
      }
    } catch (NumberFormatException tooLarge) {
      // falls through to the error below
    }
    throw new IllegalArgumentException(name + " is not a decimal-integer: " + v);
  }

  /** The value of {@code name} as a decimal-floating-point, e.g. {@code 29.970}. */
  static OptionalDouble getDouble(Map<String, String> attributes, String name) {
    String v = attributes.get(name);
    if (v == null) {
      return OptionalDouble.empty();
    }
    if (!v.matches("-?[0-9]+(\\.[0-9]*)?")) {
      throw new IllegalArgumentException(name + " is not a decimal-floating-point: " + v);
    }
    return OptionalDouble.of(Double.parseDouble(v));
  }

  /** The value of {@code name}, if present. */
  static Optional<String> get(Map<String, String> attributes, String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  private static IllegalArgumentException bad(String list, String why) {
    return new IllegalArgumentException("bad HLS attribute list (" + why + "): " + list);
  }
}
