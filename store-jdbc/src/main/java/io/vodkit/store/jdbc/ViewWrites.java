package io.vodkit.store.jdbc;

import io.vodkit.VodkitException;
import io.vodkit.views.DailyUniques;
import io.vodkit.views.DailyViewers;
import io.vodkit.views.HourlyViews;
import io.vodkit.views.ViewBatch;
import io.vodkit.views.ViewerSketch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies one {@link ViewBatch} inside the caller's transaction: records the flush id first (a
 * conflict means it was applied before: stop, change nothing), then adds the hourly and total
 * views, folds viewer hashes into each day's sketch and keeps the largest outside estimate.
 * Sketches are read, merged and written back guarded by their row's version, retried a few times
 * if another process wrote the row in between. Stateless.
 */
final class ViewWrites {
  private static final int SKETCH_ATTEMPTS = 5;

  private ViewWrites() {}

  /** True if applied; false if the flush id was already there. */
  static boolean apply(Connection c, ViewSql sql, ViewBatch batch, long nowMillis)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.insertFlush)) {
      ps.setString(1, batch.flushId());
      ps.setLong(2, nowMillis);
      if (ps.executeUpdate() == 0) {
        return false;
      }
    }
    addViews(c, sql, batch, nowMillis);
    for (DailyViewers d : batch.viewers()) {
      if (d.viewerHashes().length > 0) {
        foldSketch(c, sql, d);
      }
    }
    if (!batch.uniques().isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(sql.keepLargestEstimate)) {
        for (DailyUniques u : batch.uniques()) {
          ps.setString(1, u.videoId());
          ps.setString(2, u.day().toString());
          ps.setLong(3, u.viewers());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    return true;
  }

  private static void addViews(Connection c, ViewSql sql, ViewBatch batch, long nowMillis)
      throws SQLException {
    if (batch.views().isEmpty()) {
      return;
    }
    Map<String, Long> totals = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql.addHour)) {
      for (HourlyViews v : batch.views()) {
        ps.setString(1, v.videoId());
        ps.setLong(2, v.hourStart().toEpochMilli());
        ps.setLong(3, v.views());
        ps.addBatch();
        totals.merge(v.videoId(), v.views(), Long::sum);
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = c.prepareStatement(sql.addTotal)) {
      for (Map.Entry<String, Long> t : totals.entrySet()) {
        ps.setString(1, t.getKey());
        ps.setLong(2, t.getValue());
        ps.setLong(3, nowMillis);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void foldSketch(Connection c, ViewSql sql, DailyViewers d) throws SQLException {
    String day = d.day().toString();
    for (int attempt = 0; attempt < SKETCH_ATTEMPTS; attempt++) {
      Row row = readRow(c, sql, d.videoId(), day);
      ViewerSketch sketch =
          row == null || row.sketch == null
              ? ViewerSketch.empty()
              : ViewerSketch.fromBytes(Base64.getDecoder().decode(row.sketch));
      sketch.addAll(d.viewerHashes());
      long estimate = Math.max(sketch.estimate(), row == null ? 0 : row.viewers);
      String encoded = Base64.getEncoder().encodeToString(sketch.toBytes());
      if (row == null ? insert(c, sql, d.videoId(), day, estimate, encoded)
          : update(c, sql, d.videoId(), day, estimate, encoded, row.version)) {
        return;
      }
    }
    throw VodkitException.store(
        "unique viewers of " + d.videoId() + " on " + day + " kept changing under "
            + SKETCH_ATTEMPTS + " attempts to update them",
        null);
  }

  private record Row(long viewers, String sketch, long version) {}

  private static Row readRow(Connection c, ViewSql sql, String videoId, String day)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.selectUnique)) {
      ps.setString(1, videoId);
      ps.setString(2, day);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Row(rs.getLong(1), rs.getString(2), rs.getLong(3)) : null;
      }
    }
  }

  private static boolean insert(
      Connection c, ViewSql sql, String videoId, String day, long viewers, String sketch)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.insertUnique)) {
      ps.setString(1, videoId);
      ps.setString(2, day);
      ps.setLong(3, viewers);
      ps.setString(4, sketch);
      return ps.executeUpdate() == 1;
    }
  }

  private static boolean update(
      Connection c, ViewSql sql, String videoId, String day, long viewers, String sketch,
      long version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql.updateUniqueIfVersion)) {
      ps.setLong(1, viewers);
      ps.setString(2, sketch);
      ps.setString(3, videoId);
      ps.setString(4, day);
      ps.setLong(5, version);
      return ps.executeUpdate() == 1;
    }
  }
}
