package io.stackelgrid.cluster;

import java.nio.file.Path;
import java.util.List;

/**
 * One whole seed of one scenario point, as a sweep hands it out.
 *
 * @param scenario a built-in scenario name or a file every worker can read
 * @param overrides key=value scenario overrides, in order
 * @param households real households on the tracker (finite-N mode); 0 = the mean field
 * @param outDir the point's folder; the seed's files go to outDir/seed-K (a file system every worker shares)
 */
public record SweepJob(int jobId, long seed, String scenario, List<String> overrides, int days, long households,
    Path outDir) {

  public SweepJob withId(int id) {
    return new SweepJob(id, seed, scenario, overrides, days, households, outDir);
  }
}
