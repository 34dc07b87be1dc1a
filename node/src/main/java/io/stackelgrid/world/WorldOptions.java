package io.stackelgrid.world;

/**
 * How a world runs: the follower policy by name, mean field or finite N, whether triangular noise is
 * drawn (false: every draw at its mode), the seed all draws derive from, and in finite-N mode how
 * many households are simulated per real one (each simulated household then stands for
 * 1/sampleFraction real ones, so the grid sees the scenario's physical population at any N).
 */
public record WorldOptions(String policy, boolean meanField, boolean noise, long seed, double sampleFraction) {

  public WorldOptions(String policy, boolean meanField, boolean noise, long seed) {
    this(policy, meanField, noise, seed, 1.0);
  }

  public WorldOptions {
    if (!(sampleFraction > 0) || !Double.isFinite(sampleFraction)) {
      throw new IllegalArgumentException("sample fraction must be positive, got " + sampleFraction);
    }
  }
}
