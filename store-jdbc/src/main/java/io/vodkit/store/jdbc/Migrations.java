package io.vodkit.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny migration runner: applies the scripts in {@code io/vodkit/store/jdbc/migrations/} that
 * the database has not seen yet, in version order, and records each in {@code
 * vodkit_schema_version}. All of it runs in one write transaction, so two stores opening the same
 * database at once apply each script exactly once.
 *
 * <p>Script rules: named {@code V<n>__<description>.sql} and listed in {@link #SCRIPTS}; plain
 * DDL/DML whose statements end with {@code ;} at the end of a line; {@code --} comment lines.
 * (Flyway can take over these files unchanged.) Stateless.
 */
final class Migrations {
  /** Every script, oldest first. Add new ones at the end; never edit an applied one. */
  static final List<String> SCRIPTS = List.of("V1__init.sql");

  private static final String DIR = "/io/vodkit/store/jdbc/migrations/";
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** Brings the schema up to date; returns the version it is at afterwards. */
  static int apply(Database db) {
    return db.write("schema migration", Migrations::apply);
  }

  private static int apply(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS vodkit_schema_version ("
              + " version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
              + " applied_at BIGINT NOT NULL)");
    }
    int current =
        Sql.one(c, "SELECT MAX(version) AS v FROM vodkit_schema_version", row -> row.getInt("v"))
            .orElse(0);
    for (String script : SCRIPTS) {
      int version = version(script);
      if (version > current) {
        run(c, script);
        Sql.update(
            c,
            "INSERT INTO vodkit_schema_version (version, description, applied_at)"
                + " VALUES (?, ?, ?)",
            version, description(script), System.currentTimeMillis());
        log.info("vodkit store schema migrated to version {} ({})", version, script);
        current = version;
      }
    }
    return current;
  }

  private static void run(Connection c, String script) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String sql : statements(read(script))) {
        st.execute(sql);
      }
    }
  }

  /** Splits a script into statements: drops comment lines, cuts at a {@code ;} ending a line. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        out.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  static int version(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  private static String description(String script) {
    return script.substring(script.indexOf("__") + 2, script.length() - ".sql".length());
  }

  private static String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream(DIR + script)) {
      if (in == null) {
        throw new IllegalStateException("migration " + DIR + script + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration " + script, e);
    }
  }
}
