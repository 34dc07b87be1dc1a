package io.stackelgrid.cluster;

import io.stackelgrid.common.StackelgridException;
import io.stackelgrid.results.RunSummary;
import io.stackelgrid.seed.SeedPool;
import java.util.concurrent.CompletionException;

/**
 * A finished sweep job: the seed's headline figures, or why it failed.
 *
 * @param summaryOrNull the seed's figures; null when it failed
 * @param errorOrNull why it failed (naming seed and cause); null when it succeeded
 * @param workerAddress the member that played it (empty in this JVM)
 */
public record SeedResult(int jobId, long seed, RunSummary.Seed summaryOrNull, String errorOrNull, double wallSeconds,
    String workerAddress) {

  public static SeedResult done(SweepJob job, RunSummary.Seed summary, double wallSeconds) {
    return new SeedResult(job.jobId(), job.seed(), summary, null, wallSeconds, "");
  }

  public static SeedResult failed(SweepJob job, String error) {
    return new SeedResult(job.jobId(), job.seed(), null, error, 0, "");
  }

  /** The job failed with {@code e}: our own exceptions say what in their message, others by their type too. */
  public static SeedResult failed(SweepJob job, Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    return failed(job, cause instanceof StackelgridException ? cause.getMessage() : cause.toString());
  }

  /** The job as the seed pool played it. */
  public static SeedResult of(SweepJob job, SeedPool.Outcome outcome) {
    return outcome.ok() ? done(job, outcome.summaryOrNull(), outcome.wallSeconds())
        : failed(job, outcome.failureOrNull());
  }

  public boolean ok() {
    return errorOrNull == null;
  }

  public SeedResult playedBy(String address) {
    return new SeedResult(jobId, seed, summaryOrNull, errorOrNull, wallSeconds, address);
  }
}
