/**
 * Benchmarks of the metadata store and job queue: {@link io.vodkit.bench.store.ClaimBench} (claim
 * throughput with several claimers on PostgreSQL, SQLite as the reference).
 */
package io.vodkit.bench.store;
