package io.stackelgrid.cluster;

import io.stackelgrid.results.RunSummary;

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

  public boolean ok() {
    return errorOrNull == null;
  }

  public SeedResult playedBy(String address) {
    return new SeedResult(jobId, seed, summaryOrNull, errorOrNull, wallSeconds, address);
  }
}
