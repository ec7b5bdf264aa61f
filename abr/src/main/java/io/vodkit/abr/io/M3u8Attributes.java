package io.vodkit.abr.io;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses an HLS attribute list (RFC 8216 §4.2): {@code NAME=value} pairs separated by commas, with
 * no whitespace. A value is either a quoted string ({@code "…"}, which may contain commas but no
 * quote or line break) or an unquoted token (integer, decimal, hex, enumerated string, resolution)
 * that contains no comma, quote or whitespace. Names are {@code [A-Z0-9-]+} and must not repeat.
 * Anything else is a {@link TraceFormatException}.
 *
 * <p>Stateless; thread-safe.
 */
final class M3u8Attributes {
  private M3u8Attributes() {}

  /**
   * The attributes of {@code list} by name, in order; quoted values without their quotes.
   *
   * @param list the text after the tag's colon
   * @param where {@code file:line}, for error messages
   */
  static Map<String, String> parse(String list, String where) {
    Map<String, String> attributes = new LinkedHashMap<>();
    int i = 0;
    while (i < list.length()) {
      int eq = list.indexOf('=', i);
      if (eq < 0) {
        throw error(where, "attribute without '=' at '" + list.substring(i) + "'");
      }
      String name = list.substring(i, eq);
      if (!name.matches("[A-Z0-9-]+")) {
        throw error(where, "bad attribute name '" + name + "'");
      }
      int end;
      String value;
      if (eq + 1 < list.length() && list.charAt(eq + 1) == '"') {
        int close = list.indexOf('"', eq + 2);
        if (close < 0) {
          throw error(where, "unterminated quoted value of " + name);
        }
        value = list.substring(eq + 2, close);
        end = close + 1;
      } else {
        int comma = list.indexOf(',', eq + 1);
        end = comma < 0 ? list.length() : comma;
        value = list.substring(eq + 1, end);
        if (value.isEmpty() || !value.matches("[^\",\\s]+")) {
          throw error(where, "bad unquoted value of " + name + ": '" + value + "'");
        }
      }
      if (attributes.put(name, value) != null) {
        throw error(where, "attribute " + name + " appears twice");
      }
      if (end < list.length()) {
        if (list.charAt(end) != ',' || end + 1 == list.length()) {
          throw error(where, "expected ',' and another attribute after " + name);
        }
        end++;
      }
      i = end;
    }
    if (attributes.isEmpty()) {
      throw error(where, "empty attribute list");
    }
    return attributes;
  }

  private static TraceFormatException error(String where, String message) {
    return new TraceFormatException(where + ": " + message);
  }
}
