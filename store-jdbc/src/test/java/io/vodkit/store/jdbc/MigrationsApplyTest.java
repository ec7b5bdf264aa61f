package io.vodkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.vodkit.testkit.TestPostgres;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * A database migrated to version 1 gets a later script (as a new module version would ship it)
 * on its next start, on both databases, without running version 1 again — its {@code CREATE
 * TABLE} would fail if it did.
 */
class MigrationsApplyTest {
  private static final String DIR = "db/migrations/";

  @TempDir Path tmp;

  @Test
  void onSqliteVersionTwoIsAppliedAfterVersionOneOnTheNextStart() throws Exception {
    SQLiteDataSource file = new SQLiteDataSource();
    file.setUrl("jdbc:sqlite:" + tmp.resolve("m.db"));

    assertVersionTwoFollowsVersionOne(new Database(file, Dialect.SQLITE, 0));
  }

  @Test
  void onPostgresqlVersionTwoIsAppliedAfterVersionOneOnTheNextStart() throws Exception {
    TestPostgres.assumeReachable();
    String schema = TestPostgres.schemaFor(MigrationsApplyTest.class);
    try (var pool = TestPools.pool(2)) {
      assertVersionTwoFollowsVersionOne(
          new Database(pool, Dialect.POSTGRESQL, 0, schema, true));
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }

  private void assertVersionTwoFollowsVersionOne(Database db) throws IOException, SQLException {
    Path v1 = tmp.resolve("v1");
    Path v2 = tmp.resolve("v2");
    write(v1, "shared/V1__first.sql", "CREATE TABLE first_table (x TEXT);");
    write(v2, "shared/V1__first.sql", "CREATE TABLE first_table (x TEXT);");
    write(v2, "shared/V2__second.sql", "CREATE TABLE second_table (y TEXT);\nINSERT INTO"
        + " second_table VALUES ('seeded');");
    for (Path root : List.of(v1, v2)) {
      Files.createDirectories(root.resolve(DIR).resolve(db.dialect().migrationFolder()));
    }

    try (db;
        URLClassLoader atOne = loader(v1);
        URLClassLoader atTwo = loader(v2)) {
      assertThat(Migrations.apply(db, atOne, DIR)).isEqualTo(1);
      assertThat(Migrations.apply(db, atTwo, DIR)).isEqualTo(2);
      assertThat(Migrations.apply(db, atTwo, DIR)).isEqualTo(2);

      List<String> rows =
          db.read("check", c -> Sql.all(c, "SELECT y FROM second_table", r -> r.getString(1)));
      assertThat(rows).containsExactly("seeded");
      List<Integer> versions =
          db.read(
              "check",
              c -> Sql.all(
                  c, "SELECT version FROM " + Migrations.HISTORY_TABLE
                      + " WHERE type = 'SQL' ORDER BY installed_rank",
                  r -> Integer.parseInt(r.getString(1))));
      assertThat(versions).containsExactly(1, 2);
    }
  }

  private static void write(Path root, String name, String sql) throws IOException {
    Path file = root.resolve(DIR).resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, sql);
  }

  private static URLClassLoader loader(Path root) throws IOException {
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
  }
}
