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

/** Which scripts Flyway finds for each dialect and in what order, in folders and in jars. */
class MigrationsTest {
  private static final String DIR = "db/migrations/";

  /** Scripts of a made-up module: shared ones, one version per dialect and a stray file. */
  private static final Map<String, String> FILES =
      Map.of(
          DIR + "shared/V1__init.sql", "CREATE TABLE a (x TEXT);",
          DIR + "shared/V10__later.sql", "DROP INDEX a_x;",
          DIR + "shared/README.txt", "not a migration",
          DIR + "sqlite/V2__index.sql", "CREATE INDEX a_x ON a (x);",
          DIR + "postgresql/V2__index.sql", "CREATE INDEX a_x ON a USING hash (x);");

  @TempDir Path tmp;

  @Test
  void theStoresOwnScriptsStartWithTheSharedInitAsVersionOneOnBothDatabases() {
    for (Dialect dialect : Dialect.values()) {
      ShippedScripts.Script first = ShippedScripts.of(dialect).get(0);

      assertThat(first.version()).isEqualTo(1);
      assertThat(first.description()).isEqualTo("init");
      assertThat(first.location()).endsWith("io/vodkit/store/jdbc/migrations/shared/V1__init.sql");
    }
  }

  @Test
  void theStoresOwnVersionsAreConsecutiveAndTheSameOnBothDatabases() {
    List<Integer> sqlite = ShippedScripts.versions(Dialect.SQLITE);

    assertThat(sqlite).startsWith(1, 2, 3, 4, 5);
    for (int i = 0; i < sqlite.size(); i++) {
      assertThat(sqlite.get(i)).isEqualTo(i + 1);
    }
    assertThat(ShippedScripts.versions(Dialect.POSTGRESQL)).isEqualTo(sqlite);
  }

  @Test
  void scriptsInAFolderComeOutInNumericVersionOrderWithTheDialectsOwnFolderAdded()
      throws IOException {
    for (Map.Entry<String, String> f : FILES.entrySet()) {
      Path file = tmp.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue());
    }

    try (URLClassLoader loader = loaderOf(tmp.toUri().toURL())) {
      assertThat(locations(loader, Dialect.SQLITE))
          .containsExactly(
              DIR + "shared/V1__init.sql", DIR + "sqlite/V2__index.sql",
              DIR + "shared/V10__later.sql");
      assertThat(locations(loader, Dialect.POSTGRESQL))
          .containsExactly(
              DIR + "shared/V1__init.sql", DIR + "postgresql/V2__index.sql",
              DIR + "shared/V10__later.sql");
    }
  }

  @Test
  void scriptsInsideAJarAreFoundTheSameWay() throws IOException {
    Path jar = tmp.resolve("module.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("db/"));
      out.putNextEntry(new JarEntry(DIR));
      for (String folder : List.of("shared/", "sqlite/", "postgresql/")) {
        out.putNextEntry(new JarEntry(DIR + folder));
      }
      for (Map.Entry<String, String> f : FILES.entrySet()) {
        out.putNextEntry(new JarEntry(f.getKey()));
        write(out, f.getValue());
      }
    }

    try (URLClassLoader loader = loaderOf(jar.toUri().toURL())) {
      assertThat(locations(loader, Dialect.POSTGRESQL))
          .containsExactly(
              DIR + "shared/V1__init.sql", DIR + "postgresql/V2__index.sql",
              DIR + "shared/V10__later.sql");
    }
  }

  @Test
  void aMissingScriptFolderIsAnError() throws IOException {
    Files.createDirectories(tmp.resolve(DIR + "shared"));
    Files.writeString(tmp.resolve(DIR + "shared/V1__init.sql"), "CREATE TABLE a (x TEXT);");

    try (URLClassLoader loader = loaderOf(tmp.toUri().toURL())) {
      assertThatThrownBy(() -> ShippedScripts.of(Dialect.SQLITE, loader, DIR))
          .hasMessageContaining(DIR + "sqlite");
    }
  }

  @Test
  void aVersionInBothTheSharedAndTheDialectFolderIsAnError() throws IOException {
    Map<String, String> files =
        Map.of(
            "shared/V1__init.sql", "CREATE TABLE a (x TEXT);",
            "sqlite/V1__init.sql", "CREATE TABLE a (x TEXT, y TEXT);");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.createDirectories(tmp.resolve(DIR + f.getKey()).getParent());
      Files.writeString(tmp.resolve(DIR + f.getKey()), f.getValue());
    }

    try (URLClassLoader loader = loaderOf(tmp.toUri().toURL())) {
      assertThatThrownBy(() -> ShippedScripts.of(Dialect.SQLITE, loader, DIR))
          .hasMessageContaining("more than one migration with version 1");
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

  /** Each resolved script's path from the classpath root (folder or jar). */
  private static List<String> locations(ClassLoader loader, Dialect dialect) {
    return ShippedScripts.of(dialect, loader, DIR).stream()
        .map(s -> s.location().substring(s.location().indexOf(DIR)))
        .toList();
  }

  private static URLClassLoader loaderOf(URL root) {
    return new URLClassLoader(new URL[] {root}, null);
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
