package io.stackelgrid.seed;

import io.stackelgrid.checkpoint.RunFingerprint;
import io.stackelgrid.scenario.Scenario;
import java.nio.file.Path;

/**
 * One seed to play, as {@code run} and every sweep job describe it.
 *
 * @param households real households on the tracker and in the baseline (finite-N mode); 0 = the mean field
 * @param dir the seed's folder (DIR/seed-K): results and its checkpoint
 * @param resume continue from the seed's checkpoint if there is one (refused if damaged or another
 *     run's); false plays from the start and overwrites it
 */
public record SeedSpec(Scenario scenario, long seed, int days, long households, Path dir, boolean resume) {
  /** What a checkpoint must have been written by: scenario, seed, days and households. */
  public String fingerprint() {
    return RunFingerprint.of(scenario, seed, days)
        + (households == 0 ? "" : " households " + households);
  }

  /** The leader periods a seed of {@code days} plays (the last one maybe shorter). */
  public static long periods(Scenario scenario, int days) {
    long steps = (long) days * scenario.clock().stepsPerDay();
    return (steps + scenario.clock().stepsPerPeriod() - 1) / scenario.clock().stepsPerPeriod();
  }
}
