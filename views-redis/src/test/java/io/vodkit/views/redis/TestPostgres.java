package io.vodkit.views.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL the fleet tests roll up into: {@code VODKIT_TEST_PG_URL}, by default the
 * local server with trust auth. Each test works in its own schema and drops it afterwards; an
 * unreachable server skips loudly, or fails under {@code CI=true}.
 */
final class TestPostgres {
  static final String URL =
      System.getenv().getOrDefault(
          "VODKIT_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

  private static String unreachable;
  private static boolean checked;

  private TestPostgres() {}

  static synchronized void assumeReachable() {
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
        "PostgreSQL is not reachable at " + URL + " (" + unreachable + "): the PostgreSQL view"
            + " tests DID NOT RUN. Start it, or point VODKIT_TEST_PG_URL at one.";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true and " + message);
    }
    System.err.println("\n!!!!!!!! SKIPPED: " + message + " !!!!!!!!\n");
    Assumptions.abort(message);
  }

  static String freshSchema() {
    return "vt_views_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
  }

  static void dropSchema(String schema) {
    try (Connection c = DriverManager.getConnection(URL);
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop schema " + schema, e);
    }
  }
}
