package io.vodkit.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small migration runner: applies the scripts under {@code io/vodkit/store/jdbc/migrations/}
 * that the database has not recorded yet, in version order, and records each in {@code
 * vodkit_schema_version}. All of it runs in one write transaction that first takes the dialect's
 * migration lock (SQLite: the write lock; PostgreSQL: an advisory lock per schema), so stores
 * opening the same empty database at once apply each script exactly once and all succeed.
 *
 * <p>Scripts are found by listing the folder on the classpath (directories and jars), so adding
 * {@code V<n>__<description>.sql} is all a new migration takes. A script of the same version in
 * the dialect's sub-folder ({@code migrations/postgresql/}, {@code migrations/sqlite/}) replaces
 * the shared one on that database; write one only where the SQL must differ. A version is applied
 * when it is missing from the table, not only when it is above the highest one, so scripts merged
 * out of order still run. Script rules: plain DDL/DML whose statements end with {@code ;} at the
 * end of a line; {@code --} comment lines. (Flyway could take over these files unchanged.)
 * Stateless.
 */
final class Migrations {
  private static final String DIR = "io/vodkit/store/jdbc/migrations/";
  private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** One script: its version, description and classpath resource. */
  record Script(int version, String description, String resource) {}

  private Migrations() {}

  /** Brings the schema up to date; returns the highest version applied afterwards. */
  static int apply(Database db) {
    return apply(db, Migrations.class.getClassLoader(), DIR);
  }

  /** As {@link #apply(Database)}, with the scripts in {@code dir} of {@code loader}. */
  static int apply(Database db, ClassLoader loader, String dir) {
    List<Script> scripts = scripts(loader, dir, db.dialect());
    return db.write(
        "schema migration",
        c -> {
          db.dialect().lockForMigration(c, db.schema());
          return apply(c, loader, scripts);
        });
  }

  /** The scripts for {@code dialect}, oldest first, dialect versions replacing shared ones. */
  static List<Script> scripts(Dialect dialect) {
    return scripts(Migrations.class.getClassLoader(), DIR, dialect);
  }

  /** As {@link #scripts(Dialect)}, for the folder {@code dir} (ending in {@code /}) of a loader. */
  static List<Script> scripts(ClassLoader loader, String dir, Dialect dialect) {
    Map<Integer, Script> byVersion = new TreeMap<>();
    for (Script s : list(loader, dir)) {
      byVersion.put(s.version(), s);
    }
    for (Script s : list(loader, dir + dialect.migrationFolder() + "/")) {
      byVersion.put(s.version(), s);
    }
    if (byVersion.isEmpty()) {
      throw new IllegalStateException("no migration scripts found under " + dir);
    }
    return List.copyOf(byVersion.values());
  }

  private static int apply(Connection c, ClassLoader loader, List<Script> scripts)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS vodkit_schema_version ("
              + " version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
              + " applied_at BIGINT NOT NULL)");
    }
    Set<Integer> applied =
        new TreeSet<>(
            Sql.all(c, "SELECT version FROM vodkit_schema_version", row -> row.getInt("version")));
    for (Script script : scripts) {
      if (applied.add(script.version())) {
        run(c, read(loader, script.resource()));
        Sql.update(
            c,
            "INSERT INTO vodkit_schema_version (version, description, applied_at)"
                + " VALUES (?, ?, ?)",
            script.version(), script.description(), System.currentTimeMillis());
        log.info("vodkit store schema migrated to version {} ({})", script.version(),
            script.resource());
      }
    }
    return applied.stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  private static void run(Connection c, String script) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String sql : SqlScripts.statements(script)) {
        st.execute(sql);
      }
    }
  }

  /** The scripts directly in {@code dir}, in every classpath entry that has it. */
  private static List<Script> list(ClassLoader loader, String dir) {
    Map<Integer, Script> found = new TreeMap<>();
    try {
      Enumeration<URL> roots = loader.getResources(dir);
      while (roots.hasMoreElements()) {
        for (String name : fileNames(roots.nextElement())) {
          Matcher m = NAME.matcher(name);
          if (!m.matches()) {
            continue;
          }
          Script script = new Script(Integer.parseInt(m.group(1)), m.group(2), dir + name);
          Script other = found.putIfAbsent(script.version(), script);
          if (other != null && !other.equals(script)) {
            throw new IllegalStateException(
                "two migrations with version " + script.version() + ": " + other.resource()
                    + " and " + script.resource());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the migrations in " + dir, e);
    }
    return List.copyOf(found.values());
  }

  private static List<String> fileNames(URL folder) throws IOException {
    switch (folder.getProtocol()) {
      case "file":
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
          return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        } catch (URISyntaxException e) {
          throw new IOException("bad folder URL " + folder, e);
        }
      case "jar":
        JarURLConnection connection = (JarURLConnection) folder.openConnection();
        connection.setUseCaches(false); // our own JarFile, safe to close
        String prefix = connection.getEntryName();
        prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        List<String> names = new ArrayList<>();
        try (JarFile jar = connection.getJarFile()) {
          for (JarEntry entry : Collections.list(jar.entries())) {
            String name = entry.getName();
            if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
              names.add(name.substring(prefix.length()));
            }
          }
        }
        return names;
      default:
        throw new IOException("cannot list migrations at " + folder + " (not a folder or jar)");
    }
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration " + resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration " + resource, e);
    }
  }
}
