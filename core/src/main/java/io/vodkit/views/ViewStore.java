package io.vodkit.views;

/**
 * A durable home for view totals: takes flushes ({@link ViewSink}), answers reads ({@link
 * ViewTotals}), and says whether a flush id has been applied, which a roll-up needs to tell a
 * flush that committed before a crash from one that did not. Thread-safe.
 */
public interface ViewStore extends ViewSink, ViewTotals, AutoCloseable {
  /** True if a batch with this flush id has been applied. */
  boolean isApplied(String flushId);

  /** Releases connections; the default does nothing. */
  @Override
  default void close() {}
}
