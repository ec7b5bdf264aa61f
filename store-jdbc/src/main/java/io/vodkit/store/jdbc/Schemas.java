package io.vodkit.store.jdbc;

import io.vodkit.VodkitException;
import java.util.regex.Pattern;

/**
 * PostgreSQL schema names as the store accepts them: lower-case letters, digits and {@code _},
 * starting with a letter or {@code _}, at most 63 characters — so a name can be quoted into SQL
 * without escaping and means the same quoted or not. Stateless.
 */
final class Schemas {
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private Schemas() {}

  /** Returns {@code schema} if it is a valid name; throws CONFIGURATION otherwise. */
  static String check(String schema) {
    if (schema == null || !NAME.matcher(schema).matches()) {
      throw VodkitException.configuration(
          "schema name " + (schema == null ? "null" : "'" + schema + "'")
              + " must match " + NAME.pattern());
    }
    return schema;
  }

  /** The schema as a quoted SQL identifier. */
  static String quote(String schema) {
    return '"' + check(schema) + '"';
  }
}
