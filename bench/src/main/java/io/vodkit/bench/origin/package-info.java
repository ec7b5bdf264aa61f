/**
 * The origin benchmark: {@link io.vodkit.bench.origin.OriginBenchServer} serves a segment and a
 * playlist from filesystem storage for {@code bench/origin-vs-nginx.sh}, which loads it and nginx
 * with wrk in the same run and prints the ratios.
 */
package io.vodkit.bench.origin;
