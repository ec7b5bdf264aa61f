package io.vodkit.store.jdbc;

import java.util.List;

/**
 * The SQL of the view tables, with the tables qualified by a schema when one is named. One
 * dialect of SQL for SQLite and PostgreSQL: {@code INSERT … ON CONFLICT … DO UPDATE/NOTHING}
 * (SQLite 3.24+, PostgreSQL 9.5+), {@code CASE} instead of {@code GREATEST}/{@code MAX(a, b)}.
 * Immutable.
 */
final class ViewSql {
  final String insertFlush;
  final String flushExists;
  final String addHour;
  final String addTotal;
  final String selectUnique;
  final String insertUnique;
  final String updateUniqueIfVersion;
  final String keepLargestEstimate;
  final String selectTotal;
  final String sumHoursSince;
  final String selectViewers;
  final String pruneFlushes;
  final String pruneHours;
  final String dropOldSketches;
  /** Deletes a video's rows: its totals, its hours and its daily unique viewers, in that order. */
  final List<String> forgetVideo;

  ViewSql(String schema) {
    String p = schema == null ? "" : '"' + schema + "\".";
    insertFlush =
        "INSERT INTO " + p + "view_flushes (flush_id, applied_at) VALUES (?, ?)"
            + " ON CONFLICT (flush_id) DO NOTHING";
    flushExists = "SELECT 1 FROM " + p + "view_flushes WHERE flush_id = ?";
    addHour =
        "INSERT INTO " + p + "view_hours (video_id, hour_start, views) VALUES (?, ?, ?)"
            + " ON CONFLICT (video_id, hour_start)"
            + " DO UPDATE SET views = view_hours.views + excluded.views";
    addTotal =
        "INSERT INTO " + p + "view_totals (video_id, views, updated_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (video_id)"
            + " DO UPDATE SET views = view_totals.views + excluded.views,"
            + " updated_at = excluded.updated_at";
    selectUnique =
        "SELECT viewers, sketch, version FROM " + p + "view_uniques WHERE video_id = ? AND day = ?";
    insertUnique =
        "INSERT INTO " + p + "view_uniques (video_id, day, viewers, sketch, version)"
            + " VALUES (?, ?, ?, ?, 1) ON CONFLICT (video_id, day) DO NOTHING";
    updateUniqueIfVersion =
        "UPDATE " + p + "view_uniques SET viewers = ?, sketch = ?, version = version + 1"
            + " WHERE video_id = ? AND day = ? AND version = ?";
    keepLargestEstimate =
        "INSERT INTO " + p + "view_uniques (video_id, day, viewers, sketch, version)"
            + " VALUES (?, ?, ?, NULL, 1) ON CONFLICT (video_id, day) DO UPDATE SET"
            + " viewers = CASE WHEN excluded.viewers > view_uniques.viewers"
            + " THEN excluded.viewers ELSE view_uniques.viewers END,"
            + " version = view_uniques.version + 1";
    selectTotal = "SELECT views FROM " + p + "view_totals WHERE video_id = ?";
    sumHoursSince =
        "SELECT COALESCE(SUM(views), 0) AS n FROM " + p + "view_hours"
            + " WHERE video_id = ? AND hour_start >= ?";
    selectViewers = "SELECT viewers FROM " + p + "view_uniques WHERE video_id = ? AND day = ?";
    pruneFlushes = "DELETE FROM " + p + "view_flushes WHERE applied_at < ?";
    pruneHours = "DELETE FROM " + p + "view_hours WHERE hour_start < ?";
    dropOldSketches =
        "UPDATE " + p + "view_uniques SET sketch = NULL WHERE day < ? AND sketch IS NOT NULL";
    forgetVideo =
        List.of(
            "DELETE FROM " + p + "view_totals WHERE video_id = ?",
            "DELETE FROM " + p + "view_hours WHERE video_id = ?",
            "DELETE FROM " + p + "view_uniques WHERE video_id = ?");
  }
}
