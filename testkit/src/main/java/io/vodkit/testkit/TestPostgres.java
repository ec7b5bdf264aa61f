package io.vodkit.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL that PostgreSQL tests run against: {@code VODKIT_TEST_PG_URL}, by default
 * the local server with trust auth ({@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres},
 * commits not waiting for the disk). Each test class works in its own schema ({@link #schemaFor})
 * and drops it afterwards ({@link #dropSchema}). When the server cannot be reached every test that
 * calls {@link #assumeReachable} is skipped with a loud message — unless {@code CI=true}, where a
 * missing database is a failure, never a silent green. Plain JDBC: the PostgreSQL driver must be on
 * the test class path (it is wherever {@code vodkit-store-jdbc} is).
 */
public final class TestPostgres {
  /** The JDBC URL of the test server. */
  public static final String URL =
      System.getenv().getOrDefault(
          "VODKIT_TEST_PG_URL",
          "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
              + "&options=-c%20synchronous_commit%3Doff");

  private static String unreachable; // why the server cannot be used; null when it can
  private static boolean checked;
  private static boolean announced;

  private TestPostgres() {}

  /** Skips the calling test (fails it under {@code CI=true}) if PostgreSQL is down. */
  public static synchronized void assumeReachable() {
    if (!checked) {
      checked = true;
      DriverManager.setLoginTimeout(5);
      try (Connection c = DriverManager.getConnection(URL)) {
        c.isValid(5);
      } catch (SQLException e) {
        unreachable = e.getMessage();
      }
    }
    if (unreachable == null) {
      return;
    }
    String message =
        "PostgreSQL is not reachable at " + URL + " (" + unreachable + "): the PostgreSQL"
            + " tests DID NOT RUN. Start it, or point VODKIT_TEST_PG_URL at one.";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true and " + message);
    }
    loud("\n!!!!!!!! SKIPPED: " + message + " !!!!!!!!\n");
    Assumptions.abort(message);
  }

  /** True once a check found the server reachable (for clean-up after a class). */
  public static synchronized boolean reachable() {
    return checked && unreachable == null;
  }

  /**
   * Prints to {@code System.err} (the test's report) and, the first time, to this JVM's real
   * stderr, which the build shows even when it sends test output to files.
   */
  private static void loud(String line) {
    System.err.println(line);
    if (!announced) {
      announced = true;
      PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
      console.println(line);
    }
  }

  /** A fresh schema name for {@code testClass}: lower case, unique, at most 63 characters. */
  public static String schemaFor(Class<?> testClass) {
    String base = testClass.getSimpleName().toLowerCase(Locale.ROOT);
    String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    base = base.length() > 40 ? base.substring(0, 40) : base;
    return "vt_" + base + "_" + suffix;
  }

  /** Runs one statement on a connection of its own. */
  public static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(URL);
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run " + sql, e);
    }
  }

  /**
   * Empties every table in {@code schema} except the migration record (Flyway's {@code
   * vodkit_schema_history}, and {@code vodkit_schema_version} of the runner before it).
   */
  public static void emptyTables(String schema) {
    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " AND table_type = 'BASE TABLE'"
                    + " AND table_name NOT IN ('vodkit_schema_history', 'vodkit_schema_version')")) {
      ps.setString(1, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tables.add("\"" + schema + "\".\"" + rs.getString(1) + "\"");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot list the tables of " + schema, e);
    }
    if (!tables.isEmpty()) {
      execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
    }
  }

  /** Drops {@code schema} with everything in it; a no-op when it does not exist. */
  public static void dropSchema(String schema) {
    execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
  }
}
