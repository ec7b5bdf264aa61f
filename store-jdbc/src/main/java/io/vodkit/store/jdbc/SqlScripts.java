package io.vodkit.store.jdbc;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the store's SQL scripts into statements, for stores that create their own tables (view
 * counts; the store's own migrations run through Flyway). Not a general SQL parser: the scripts
 * keep one statement per {@code ;}-terminated line run and whole-line {@code --} comments.
 * Stateless.
 */
public final class SqlScripts {
  private SqlScripts() {}

  /** Splits a script into statements: drops comment lines, cuts at a {@code ;} ending a line. */
  public static List<String> statements(String script) {
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
}
