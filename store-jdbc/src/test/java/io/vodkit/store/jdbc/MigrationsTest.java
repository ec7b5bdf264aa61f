package io.vodkit.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the migration runner finds, orders and splits its scripts, in folders and in jars. */
class MigrationsTest {
  private static final String DIR = "db/migrations/";

  /** Scripts of a made-up module: shared ones, a PostgreSQL replacement and a stray file. */
  private static final Map<String, String> FILES =
      Map.of(
          DIR + "V1__init.sql", "CREATE TABLE a (x TEXT);",
          DIR + "V2__shared.sql", "CREATE INDEX a_x ON a (x);",
          DIR + "V10__later.sql", "DROP INDEX a_x;",
          DIR + "README.txt", "not a migration",
          DIR + "postgresql/V2__shared.sql", "CREATE INDEX a_x ON a USING hash (x);");

  @TempDir Path tmp;

  @Test
  void theStoresOwnScriptsStartWithTheSharedInitAsVersionOneOnBothDatabases() {
    for (Dialect dialect : Dialect.values()) {
      List<Migrations.Script> scripts = Migrations.scripts(dialect);

      assertThat(scripts.get(0))
          .isEqualTo(
              new Migrations.Script(1, "init", "io/vodkit/store/jdbc/migrations/V1__init.sql"));
    }
  }

  @Test
  void scriptsInAFolderComeOutInNumericVersionOrderWithTheDialectsOwnVersionsReplacingShared()
      throws IOException {
    for (Map.Entry<String, String> f : FILES.entrySet()) {
      Path file = tmp.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue());
    }

    try (URLClassLoader loader = loaderOf(tmp.toUri().toURL())) {
      assertThat(resources(loader, Dialect.SQLITE))
          .containsExactly(DIR + "V1__init.sql", DIR + "V2__shared.sql", DIR + "V10__later.sql");
      assertThat(resources(loader, Dialect.POSTGRESQL))
          .containsExactly(
              DIR + "V1__init.sql", DIR + "postgresql/V2__shared.sql", DIR + "V10__later.sql");
    }
  }

  @Test
  void scriptsInsideAJarAreFoundTheSameWay() throws IOException {
    Path jar = tmp.resolve("module.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("db/"));
      out.putNextEntry(new JarEntry(DIR));
      out.putNextEntry(new JarEntry(DIR + "postgresql/"));
      for (Map.Entry<String, String> f : FILES.entrySet()) {
        out.putNextEntry(new JarEntry(f.getKey()));
        write(out, f.getValue());
      }
    }

    try (URLClassLoader loader = loaderOf(jar.toUri().toURL())) {
      assertThat(resources(loader, Dialect.POSTGRESQL))
          .containsExactly(
              DIR + "V1__init.sql", DIR + "postgresql/V2__shared.sql", DIR + "V10__later.sql");
    }
  }

  @Test
  void aFolderWithoutScriptsIsAnError() throws IOException {
    Files.createDirectories(tmp.resolve(DIR));

    try (URLClassLoader loader = loaderOf(tmp.toUri().toURL())) {
      assertThatThrownBy(() -> Migrations.scripts(loader, DIR, Dialect.SQLITE))
          .hasMessageContaining("no migration scripts");
    }
  }

  @Test
  void statementsAreCutAtSemicolonsEndingALineAndCommentLinesAreDropped() {
    String script =
        "-- a comment; with a semicolon\n"
            + "CREATE TABLE a (\n  x TEXT -- inline\n);\n\n"
            + "CREATE INDEX a_x ON a (x);\n"
            + "INSERT INTO a VALUES ('no; split')";

    assertThat(SqlScripts.statements(script))
        .containsExactly(
            "CREATE TABLE a (\n  x TEXT -- inline\n)",
            "CREATE INDEX a_x ON a (x)",
            "INSERT INTO a VALUES ('no; split')");
  }

  private static List<String> resources(ClassLoader loader, Dialect dialect) {
    return Migrations.scripts(loader, DIR, dialect).stream()
        .map(Migrations.Script::resource)
        .toList();
  }

  private static URLClassLoader loaderOf(URL root) {
    return new URLClassLoader(new URL[] {root}, null);
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
