package io.vodkit;

import java.util.Objects;

/**
 * Proof of ownership of a claimed job: the store accepts renewals, progress and the outcome only
 * from the worker and attempt that currently hold the lease.
 *
 * @param jobId the job
 * @param workerId the claiming worker
 * @param attempt the attempt number of this claim
 */
public record JobLease(String jobId, String workerId, int attempt) {
  public JobLease {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(workerId, "workerId");
  }
}
