package io.vodkit.store.jdbc;

import java.util.Arrays;
import java.util.List;
import org.sqlite.SQLiteDataSource;

/** The migration scripts Flyway resolves for a dialect, read without touching a real database. */
final class ShippedScripts {
  static final String DIR = "io/vodkit/store/jdbc/migrations/";

  /** One resolved script: version, Flyway's description and where the file is. */
  record Script(int version, String description, String location) {}

  private ShippedScripts() {}

  /** The store's own scripts for {@code dialect}, oldest first. */
  static List<Script> of(Dialect dialect) {
    return of(dialect, Migrations.class.getClassLoader(), DIR);
  }

  /** The scripts under {@code dir} of {@code loader} for {@code dialect}, oldest first. */
  static List<Script> of(Dialect dialect, ClassLoader loader, String dir) {
    SQLiteDataSource scratch = new SQLiteDataSource(); // a fresh in-memory database
    scratch.setUrl("jdbc:sqlite::memory:");
    return Arrays.stream(
            Migrations.configure(scratch, dialect, null, loader, dir).load().info().all())
        .map(
            i -> new Script(
                Integer.parseInt(i.getVersion().getVersion()), i.getDescription(),
                i.getPhysicalLocation().replace('\\', '/')))
        .toList();
  }

  /** The versions of {@link #of(Dialect)}. */
  static List<Integer> versions(Dialect dialect) {
    return of(dialect).stream().map(Script::version).toList();
  }
}
