/**
 * {@link io.vodkit.spi.MetadataStore} on JDBC: {@link io.vodkit.store.jdbc.JdbcStore} with its
 * {@link io.vodkit.store.jdbc.Dialect}s (SQLite embedded, PostgreSQL for fleets), the schema
 * migrations under {@code io/vodkit/store/jdbc/migrations/}, and package-private SQL helpers, one
 * class per table group. View counts live here too: {@link io.vodkit.store.jdbc.JdbcViewStore},
 * the {@link io.vodkit.views.ViewStore} on the same databases, with idempotent flushes (flush id
 * recorded in the same transaction as the increments).
 */
package io.vodkit.store.jdbc;
