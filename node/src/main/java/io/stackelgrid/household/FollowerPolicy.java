package io.stackelgrid.household;

/**
 * A follower (aggregator) policy: observations of MODEL.md §6 ({@link Observation}) to the mean
 * storage action u, with a Gaussian spread for the mean field. Learned Gaussian policies implement
 * it later; {@code baseline} and {@code rule} implement it now.
 */
public interface FollowerPolicy {
  /** The mean action for each of {@code count} observations ({@link Observation#SIZE} floats each). */
  void mean(float[] observations, int count, double[] meanOut);

  /** Standard deviation of the action around its mean; 0 for a deterministic policy. */
  double std();

  /**
   * Whether {@link #mean} gives battery moves u directly (fixed rules) rather than policy actions a
   * that the scenario's {@link ActionMap} maps onto the feasible interval (learned policies).
   */
  default boolean givesMoves() {
    return false;
  }

  /** A short name for results files. */
  String name();
}
