package io.vodkit.store.jdbc.views;

import io.vodkit.store.jdbc.SqlScripts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Creates the view tables if they are missing, by running the store's migration script {@code
 * V2__view_counts.sql} (every statement {@code IF NOT EXISTS}), so a {@link JdbcViewStore} works
 * on a database no {@code JdbcStore} has migrated, and running it again, here or from the
 * migrations (Flyway), changes nothing. On PostgreSQL it runs under an advisory lock, so processes
 * opening an empty schema together do not race on {@code CREATE}. Stateless.
 */
final class ViewSchema {
  static final String SCRIPT = "/io/vodkit/store/jdbc/migrations/shared/V2__view_counts.sql";
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private ViewSchema() {}

  /** The schema name if valid (lower-case letters, digits, {@code _}; at most 63), else throws. */
  static String check(String schema) {
    if (schema != null && !SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema name '" + schema + "' must match " + SCHEMA_NAME.pattern());
    }
    return schema;
  }

  static void ensure(ViewDb db, String schema) {
    List<String> statements = SqlScripts.statements(read());
    db.write(
        "view schema",
        c -> {
          if (db.kind() == ViewDb.Kind.POSTGRESQL) {
            lock(c, schema);
            if (schema != null) {
              ViewDb.execute(c, "CREATE SCHEMA IF NOT EXISTS \"" + schema + '"');
              ViewDb.execute(c, "SET LOCAL search_path TO \"" + schema + '"');
            }
          }
          for (String sql : statements) {
            ViewDb.execute(c, sql);
          }
          return null;
        });
  }

  /**
   * The store's migration lock (see {@code Dialect.POSTGRESQL}), so this and the store's Flyway
   * run ({@code Migrations}) never run the same script against one schema at the same time.
   */
  private static void lock(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('vodkit.migrations'), hashtext(?))")) {
      ps.setString(1, schema == null ? "" : schema);
      ps.execute();
    }
  }

  private static String read() {
    try (InputStream in = ViewSchema.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCRIPT, e);
    }
  }
}
