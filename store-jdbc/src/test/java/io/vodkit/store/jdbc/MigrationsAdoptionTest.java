package io.vodkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vodkit.store.jdbc.JdbcViewStore;
import io.vodkit.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Databases that are not empty when Flyway first meets them: those the runner before Flyway
 * migrated (history in {@code vodkit_schema_version}) open without any of their scripts running
 * again — V1's {@code CREATE TABLE} would fail if one did — and get only the later ones; a
 * database whose view tables came first gets every script.
 */
class MigrationsAdoptionTest {
  @TempDir Path tmp;

  @Test
  void onSqliteADatabaseOfTheOldRunnerAtVersionFourGetsOnlyVersionFive() throws Exception {
    Path file = tmp.resolve("old.db");
    String url = "jdbc:sqlite:" + file;
    try (Connection c = DriverManager.getConnection(url)) {
      migrateTheOldWay(c, Dialect.SQLITE, Set.of(1, 2, 3, 4));
    }

    for (int start = 0; start < 2; start++) {
      try (JdbcStore store = JdbcStore.sqlite(file)) {
        assertThat(store.findVideo("vid_x")).isEmpty();
      }
    }

    try (Connection c = DriverManager.getConnection(url)) {
      assertThat(history(c, "main")).containsExactlyElementsOf(baselineThenTheRest(4));
      assertThat(oldVersions(c, "main")).containsExactly(1, 2, 3, 4);
      assertThat(count(c, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
          + " AND name = 'upload_sessions_expiry'")).isEqualTo(1);
    }
  }

  @Test
  void onPostgresqlADatabaseOfTheOldRunnerAtVersionFourGetsOnlyVersionFive() throws Exception {
    TestPostgres.assumeReachable();
    String schema = TestPostgres.schemaFor(MigrationsAdoptionTest.class);
    try {
      try (Connection c = DriverManager.getConnection(TestPostgres.URL);
          Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA \"" + schema + '"');
        st.execute("SET search_path TO \"" + schema + '"');
        migrateTheOldWay(c, Dialect.POSTGRESQL, Set.of(1, 2, 3, 4));
      }

      for (int start = 0; start < 2; start++) {
        try (JdbcStore store = JdbcStore.postgres(TestPostgres.URL, schema)) {
          assertThat(store.findVideo("vid_x")).isEmpty();
        }
      }

      try (Connection c = DriverManager.getConnection(TestPostgres.URL)) {
        assertThat(history(c, schema)).containsExactlyElementsOf(baselineThenTheRest(4));
        assertThat(oldVersions(c, schema)).containsExactly(1, 2, 3, 4);
        assertThat(count(c, "SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema
            + "' AND indexname = 'upload_sessions_expiry'")).isEqualTo(1);
      }
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }

  @Test
  void anOldTableWithAGapBelowItsHighestVersionStopsTheStoreFromOpening() throws Exception {
    Path file = tmp.resolve("gap.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      migrateTheOldWay(c, Dialect.SQLITE, Set.of(1, 2, 4));
    }

    assertThatThrownBy(() -> JdbcStore.sqlite(file))
        .hasMessageContaining("vodkit_schema_version")
        .hasMessageContaining("not [3]");
  }

  @Test
  void aSqliteDatabaseWhoseViewTablesCameFirstGetsEveryScript() throws Exception {
    Path file = tmp.resolve("views-first.db");
    JdbcViewStore.sqlite(file).close();

    try (JdbcStore store = JdbcStore.sqlite(file)) {
      assertThat(store.findVideo("vid_x")).isEmpty();
    }

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      assertThat(history(c, "main")).containsExactlyElementsOf(baselineThenTheRest(0));
    }
  }

  @Test
  void migratingWithAPerTransactionSchemaLeavesTheCallersConnectionAsItWas()
      throws Exception {
    TestPostgres.assumeReachable();
    String schema = TestPostgres.schemaFor(MigrationsAdoptionTest.class);
    try (var pool = TestPools.pool(1)) {
      String before = sessionSettings(pool.getConnection());

      JdbcStore.postgres(pool, schema).close();

      assertThat(sessionSettings(pool.getConnection())).isEqualTo(before);
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }

  /** What the runner before Flyway left: the scripts of {@code versions} and their rows. */
  private static void migrateTheOldWay(Connection c, Dialect dialect, Set<Integer> versions)
      throws SQLException, IOException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE vodkit_schema_version (version INTEGER PRIMARY KEY,"
              + " description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
      for (ShippedScripts.Script script : ShippedScripts.of(dialect)) {
        if (!versions.contains(script.version())) {
          continue;
        }
        for (String sql : SqlScripts.statements(Files.readString(Path.of(script.location())))) {
          st.execute(sql);
        }
        try (PreparedStatement ps =
            c.prepareStatement("INSERT INTO vodkit_schema_version VALUES (?, ?, ?)")) {
          ps.setInt(1, script.version());
          ps.setString(2, script.description().replace(' ', '_'));
          ps.setLong(3, System.currentTimeMillis());
          ps.executeUpdate();
        }
      }
    }
  }

  /** "version type" rows of Flyway's history, in the order they were written. */
  private static List<String> history(Connection c, String schema) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT version, type FROM \"" + schema + "\"." + Migrations.HISTORY_TABLE
                    + " ORDER BY installed_rank")) {
      while (rs.next()) {
        rows.add(rs.getString(1) + " " + rs.getString(2));
      }
    }
    return rows;
  }

  /** A baseline row at {@code version}, then every later shipped script. */
  private static List<String> baselineThenTheRest(int version) {
    List<String> rows = new ArrayList<>();
    rows.add(version + " BASELINE");
    for (int v : ShippedScripts.versions(Dialect.SQLITE)) {
      if (v > version) {
        rows.add(v + " SQL");
      }
    }
    return rows;
  }

  private static List<Integer> oldVersions(Connection c, String schema) throws SQLException {
    List<Integer> versions = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT version FROM \"" + schema + "\".vodkit_schema_version ORDER BY version")) {
      while (rs.next()) {
        versions.add(rs.getInt(1));
      }
    }
    return versions;
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The settings Flyway changes while it works: the search path and the role. */
  private static String sessionSettings(Connection pooled) throws SQLException {
    try (Connection c = pooled;
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT current_setting('search_path') || ' role=' || current_setting('role')")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
