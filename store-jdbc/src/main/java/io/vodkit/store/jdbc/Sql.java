package io.vodkit.store.jdbc;

import io.vodkit.JobStatus;
import io.vodkit.VideoStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prepared-statement helpers with the store's value conventions: an {@link Instant} is bound as
 * epoch milliseconds, a status enum as its {@code wireName()}, and {@code null} as SQL NULL.
 * Stateless.
 */
final class Sql {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private Sql() {}

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
  static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    }
  }

  /** The first row of a query, if any. */
  static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
      }
    }
  }

  /** Every row of a query. */
  static <T> List<T> all(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }
  }

  /** True if the query returns a row. */
  static boolean exists(Connection c, String sql, Object... params) throws SQLException {
    return one(c, sql, row -> Boolean.TRUE, params).isPresent();
  }

  /** A nullable epoch-millis column as an Instant. */
  static Instant instant(ResultSet row, String column) throws SQLException {
    long millis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  /** A nullable floating-point column. */
  static Double nullableDouble(ResultSet row, String column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : value;
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object value = params[i];
      int index = i + 1;
      if (value == null) {
        ps.setNull(index, Types.NULL);
      } else if (value instanceof Instant instant) {
        ps.setLong(index, instant.toEpochMilli());
      } else if (value instanceof VideoStatus status) {
        ps.setString(index, status.wireName());
      } else if (value instanceof JobStatus status) {
        ps.setString(index, status.wireName());
      } else if (value instanceof String s) {
        ps.setString(index, s);
      } else if (value instanceof Integer n) {
        ps.setInt(index, n);
      } else if (value instanceof Long n) {
        ps.setLong(index, n);
      } else if (value instanceof Double d) {
        ps.setDouble(index, d);
      } else {
        throw new IllegalArgumentException("no SQL binding for " + value.getClass().getName());
      }
    }
  }
}
