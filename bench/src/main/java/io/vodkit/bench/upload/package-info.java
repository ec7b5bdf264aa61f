/**
 * Benchmarks of direct uploads: {@link io.vodkit.bench.upload.UploadThroughputBench} (parallel
 * part PUTs through the fs upload endpoint on loopback, plain FileChannel writes as the reference).
 */
package io.vodkit.bench.upload;
