/**
 * Fleet mode: one properties file describes the pipeline every process runs ({@link
 * io.vodkit.fleet.PipelineConfig}), {@link io.vodkit.fleet.WorkerMain} is the worker process
 * (graceful on SIGTERM), {@link io.vodkit.fleet.PipelineMetrics} its Micrometer meters and {@link
 * io.vodkit.fleet.PipelineHealth} its health check. See src-docs/operations.md.
 */
package io.vodkit.fleet;
