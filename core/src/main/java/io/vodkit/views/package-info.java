/**
 * View counting: the {@link io.vodkit.views.ViewCounter} SPI with its hot-path implementation
 * {@link io.vodkit.views.BufferedViewCounter} (lock-free qualification, per-window
 * de-duplication and striped logging in memory; idempotent flushes every interval), the durable
 * side's SPIs ({@link io.vodkit.views.ViewSink}, {@link io.vodkit.views.ViewTotals}, {@link
 * io.vodkit.views.ViewStore}), the flush model ({@link io.vodkit.views.ViewBatch}) and the
 * unique-viewer sketch ({@link io.vodkit.views.ViewerSketch}, Apache DataSketches HLL). Backends:
 * {@code io.vodkit.store.jdbc.JdbcViewStore} (SQLite / PostgreSQL) and {@code vodkit-views-redis}.
 */
package io.vodkit.views;
