/**
 * {@link io.vodkit.spi.MetadataStore} on JDBC: {@link io.vodkit.store.jdbc.JdbcStore} with its
 * {@link io.vodkit.store.jdbc.Dialect}s (SQLite embedded, PostgreSQL for fleets), the schema
 * migrations under {@code io/vodkit/store/jdbc/migrations/}, and package-private SQL helpers, one
 * class per table group.
 */
package io.vodkit.store.jdbc;
