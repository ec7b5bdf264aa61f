package io.vodkit.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;

/**
 * Creates the view tables if they are missing, by running the store's migration script {@code
 * V2__view_counts.sql} (every statement {@code IF NOT EXISTS}), so a {@link JdbcViewStore} works
 * on a database no {@code JdbcStore} has migrated, and running it again, here or from the
 * migrations (Flyway), changes nothing. It runs under the dialect's migration lock (PostgreSQL: the
 * advisory lock {@code Migrations} takes too), so processes opening an empty schema together do
 * not race on {@code CREATE}. Stateless.
 */
final class ViewSchema {
  static final String SCRIPT = "/io/vodkit/store/jdbc/migrations/shared/V2__view_counts.sql";

  private ViewSchema() {}

  /** Creates the view tables in {@code schema} (null: the connections' own) if they are missing. */
  static void ensure(Database db, String schema) {
    List<String> statements = SqlScripts.statements(read());
    db.write(
        "view schema",
        c -> {
          db.dialect().lockForMigration(c, schema);
          try (Statement st = c.createStatement()) {
            if (schema != null) {
              st.execute("CREATE SCHEMA IF NOT EXISTS " + Schemas.quote(schema));
              db.dialect().useSchema(c, schema);
            }
            for (String sql : statements) {
              st.execute(sql);
            }
          }
          return null;
        });
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
