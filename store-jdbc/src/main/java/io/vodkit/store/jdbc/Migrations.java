package io.vodkit.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.LoggerFactory;

/**
 * Brings a store's schema up to date with Flyway: the scripts of {@code
 * io/vodkit/store/jdbc/migrations/shared/} plus those of the dialect's folder ({@code
 * migrations/sqlite/} or {@code migrations/postgresql/}; a version lives in exactly one of the
 * two), recorded in the history table {@value #HISTORY_TABLE}.
 *
 * <p>All of it runs in ONE write transaction of the {@link Database} that first takes the
 * dialect's migration lock (SQLite: the write lock, {@code BEGIN IMMEDIATE}; PostgreSQL: an
 * advisory lock per schema), and Flyway works on that transaction's connection with its own
 * commits and rollbacks turned off. So stores opening the same empty database at once apply
 * each script exactly once and all succeed (Flyway alone does not lock on SQLite), a failing
 * script leaves nothing behind, and Flyway takes one connection of the caller's pool, not two.
 * On PostgreSQL Flyway creates a named schema and points the search path at it for the run.
 *
 * <p>A database the earlier runner migrated has {@value #OLD_TABLE} instead: the first run
 * baselines Flyway's history at the highest version recorded there (refusing if a shipped version
 * below it is missing from it) and applies only later scripts; the old table is left as it is. A
 * schema that holds other tables but no history (the view tables of a {@code JdbcViewStore} that
 * opened it first, an application's own tables) is baselined at version 0, so every script runs.
 * Versions missing from the history are applied even when a higher one is recorded (out of order),
 * and an applied script whose text changed fails the start (Flyway's checksum). Stateless.
 */
final class Migrations {
  /** Flyway's history table (its own layout). */
  static final String HISTORY_TABLE = "vodkit_schema_history";

  /** The history table of the runner before Flyway: version, description, applied_at. */
  static final String OLD_TABLE = "vodkit_schema_version";

  private static final String DIR = "io/vodkit/store/jdbc/migrations/";
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /** Brings the schema up to date; returns the highest version applied afterwards. */
  static int apply(Database db) {
    return apply(db, Migrations.class.getClassLoader(), DIR);
  }

  /**
   * As {@link #apply(Database)}, with the scripts in {@code dir} (ending in {@code /}) of {@code
   * loader}: {@code dir + "shared/"} and {@code dir + <dialect>/}.
   */
  static int apply(Database db, ClassLoader loader, String dir) {
    return db.migrate(
        "schema migration",
        c -> {
          db.dialect().lockForMigration(c, db.schema());
          return migrate(c, db.dialect(), db.schema(), loader, dir);
        });
  }

  /** The Flyway configuration of the store's scripts on {@code dataSource}, nothing more. */
  static FluentConfiguration configure(
      DataSource dataSource, Dialect dialect, String schema, ClassLoader loader, String dir) {
    FluentConfiguration config =
        Flyway.configure(loader)
            .dataSource(dataSource)
            .locations(
                "classpath:" + dir + "shared", "classpath:" + dir + dialect.migrationFolder())
            .failOnMissingLocations(true)
            .table(HISTORY_TABLE)
            .outOfOrder(true)
            .placeholderReplacement(false);
    if (schema != null) {
      config.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    return config;
  }

  private static int migrate(
      Connection c, Dialect dialect, String schema, ClassLoader loader, String dir)
      throws SQLException {
    FluentConfiguration config = configure(inTransaction(c), dialect, schema, loader, dir);
    String where = schema != null ? schema : dialect.currentSchema(c);
    // Baseline when the schema has tables but no Flyway history: at the old runner's highest
    // version if it left its table, else at 0 (every script runs).
    String baseline = "0";
    if (!tableExists(c, dialect, where, HISTORY_TABLE) && tableExists(c, dialect, where, OLD_TABLE)) {
      baseline = adopt(c, config, where);
    }
    config
        .baselineOnMigrate(true)
        .baselineVersion(baseline)
        .baselineDescription(baseline.equals("0") ? "<< no history >>" : "adopted " + OLD_TABLE);
    // Flyway restores the search path it changed, but leaves SET ROLE <current_user> behind on
    // PostgreSQL; put the role back as it was, so the caller's pooled connection is unchanged.
    String role =
        dialect == Dialect.POSTGRESQL
            ? Sql.one(c, "SELECT current_setting('role') AS r", row -> row.getString("r"))
                .orElseThrow()
            : null;
    MigrateResult result = config.load().migrate();
    if (role != null) {
      try (Statement st = c.createStatement()) {
        st.execute(role.equals("none") ? "RESET ROLE" : "SET ROLE " + quoteIdentifier(role));
      }
    }
    if (result.migrationsExecuted > 0) {
      log.info(
          "vodkit store schema {} migrated from version {} to {} ({} scripts)",
          where, result.initialSchemaVersion, result.targetSchemaVersion,
          result.migrationsExecuted);
    }
    return Math.max(number(result.initialSchemaVersion), number(result.targetSchemaVersion));
  }

  /**
   * Returns the highest version in {@value #OLD_TABLE} as Flyway's baseline, after checking that
   * every shipped version up to it is recorded there (a gap would be skipped for good).
   */
  private static String adopt(Connection c, FluentConfiguration config, String where)
      throws SQLException {
    Set<Integer> recorded =
        new TreeSet<>(
            Sql.all(
                c, "SELECT version FROM " + qualified(where, OLD_TABLE),
                row -> row.getInt("version")));
    int highest = recorded.stream().mapToInt(Integer::intValue).max().orElse(0);
    List<Integer> missing =
        Arrays.stream(config.load().info().all())
            .map(MigrationInfo::getVersion)
            .filter(Objects::nonNull)
            .map(v -> Integer.parseInt(v.getVersion()))
            .filter(v -> v <= highest && !recorded.contains(v))
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          OLD_TABLE + " in " + where + " records version " + highest + " but not " + missing
              + ", which Flyway would then skip for good: apply those scripts by hand and record"
              + " them in " + OLD_TABLE + ", then open the store again");
    }
    log.info(
        "vodkit store schema {}: adopting {} (versions {}) as Flyway baseline {}",
        where, OLD_TABLE, recorded, highest);
    return Integer.toString(highest);
  }

  private static boolean tableExists(Connection c, Dialect dialect, String schema, String table)
      throws SQLException {
    boolean sqlite = dialect == Dialect.SQLITE;
    String sql =
        sqlite
            ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
            : "SELECT 1 FROM information_schema.tables WHERE table_name = ? AND table_schema = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, table);
      if (!sqlite) {
        ps.setString(2, schema);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static String qualified(String schema, String table) {
    return '"' + schema + "\"." + table;
  }

  /** A Flyway version as a number; 0 for none (an empty schema). */
  private static int number(String version) {
    if (version == null || !version.matches("\\d+")) {
      return 0;
    }
    return Integer.parseInt(version);
  }

  /**
   * A DataSource that hands out {@code c}, inside the caller's transaction, with commit,
   * rollback, auto-commit changes and close turned into no-ops: what Flyway does on it commits
   * or rolls back with the caller's transaction.
   */
  static DataSource inTransaction(Connection c) {
    Connection shared =
        (Connection)
            Proxy.newProxyInstance(
                Migrations.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "setAutoCommit", "commit", "close" -> {
                      return null;
                    }
                    case "rollback" -> {
                      if (args == null) {
                        return null; // the caller rolls back the whole transaction
                      }
                    }
                    case "getAutoCommit" -> {
                      return false;
                    }
                    case "equals" -> {
                      return proxy == args[0];
                    }
                    case "hashCode" -> {
                      return System.identityHashCode(proxy);
                    }
                    default -> {
                      // passed through below
                    }
                  }
                  try {
                    return method.invoke(c, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return new OneConnection(shared);
  }

  /** A DataSource of one connection; nothing to configure. */
  private record OneConnection(Connection connection) implements DataSource {
    @Override
    public Connection getConnection() {
      return connection;
    }

    @Override
    public Connection getConnection(String username, String password) {
      return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
      // no log writer
    }

    @Override
    public void setLoginTimeout(int seconds) {
      // the connection is open already
    }

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      if (iface.isInstance(this)) {
        return iface.cast(this);
      }
      throw new SQLException("not a wrapper of " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return iface.isInstance(this);
    }
  }
}
