/**
 * JMH benchmarks of view counting: {@link io.vodkit.bench.views.ViewCounterBench} (events/s into
 * the in-memory hot path with 2 threads) and {@link io.vodkit.bench.views.RedisViewsBench} (views/s
 * flushed into the real Redis from one JVM with pipelining). Figures in {@code src-docs/views.md}.
 */
package io.vodkit.bench.views;
