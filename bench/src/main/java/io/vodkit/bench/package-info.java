/** Benchmarks that report ratios against a reference run in the same run. */
package io.vodkit.bench;
