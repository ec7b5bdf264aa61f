/**
 * View counts in the relational store: {@link io.vodkit.store.jdbc.views.JdbcViewStore}, the
 * {@link io.vodkit.views.ViewStore} on SQLite (embedded) and PostgreSQL (fleet), with idempotent
 * flushes (flush id recorded in the same transaction as the increments).
 */
package io.vodkit.store.jdbc.views;
